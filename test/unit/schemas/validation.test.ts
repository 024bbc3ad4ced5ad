// Every rule of the kind schemas, one table row each: the exact field path and message apiserver would report.
import { describe, expect, it } from 'vitest';
import { SCHEMA_OF, schemaFor, validateObject, type KindKey } from '../../../durable-objects/registry/schemas/index.ts';
import { SEEDED_KINDS, seed } from './fixtures.ts';

type Obj = Record<string, any>;
interface Case {
  name: string;
  kind: KindKey;
  change: (o: Obj) => void;
  field: string;
  message: string;
  type?: string;
}

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const QUANTITY_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const pod = (o: Obj) => o.spec;
const tpl = (o: Obj) => o.spec.template.spec;

const cases: Case[] = [
  // names
  { name: 'rejects a pod name that is not a DNS subdomain', kind: 'core/v1/Pod', change: (o) => (o.metadata.name = 'Nginx_1'), field: 'metadata.name', message: `Invalid value: "Nginx_1": ${SUBDOMAIN_MSG}` },
  { name: 'rejects a deployment name that is not a DNS subdomain', kind: 'apps/v1/Deployment', change: (o) => (o.metadata.name = 'Nginx_1'), field: 'metadata.name', message: `Invalid value: "Nginx_1": ${SUBDOMAIN_MSG}` },
  { name: 'needs a name or generateName', kind: 'core/v1/ConfigMap', change: (o) => delete o.metadata.name, field: 'metadata.name', message: 'Required value: name or generateName is required', type: 'FieldValueRequired' },
  { name: 'treats a missing metadata like a missing name', kind: 'core/v1/ConfigMap', change: (o) => delete o.metadata, field: 'metadata.name', message: 'Required value: name or generateName is required' },
  { name: 'accepts a generateName prefix ending in a dash but checks it', kind: 'core/v1/Pod', change: (o) => ((o.metadata.generateName = 'Web-'), (o.metadata.name = 'web-x1')), field: 'metadata.generateName', message: `Invalid value: "Web-": ${SUBDOMAIN_MSG}` },
  { name: 'needs a namespace for namespaced kinds', kind: 'core/v1/Pod', change: (o) => delete o.metadata.namespace, field: 'metadata.namespace', message: 'Required value', type: 'FieldValueRequired' },
  { name: 'checks namespace names as DNS labels', kind: 'core/v1/Namespace', change: (o) => (o.metadata.name = 'Team-A'), field: 'metadata.name', message: `Invalid value: "Team-A": ${LABEL_MSG}` },
  { name: 'refuses dots in namespace names', kind: 'core/v1/Namespace', change: (o) => (o.metadata.name = 'team.a'), field: 'metadata.name', message: 'Invalid value: "team.a": must not contain dots' },
  { name: 'checks service names as DNS-1035 labels', kind: 'core/v1/Service', change: (o) => (o.metadata.name = '1-service'), field: 'metadata.name', message: `Invalid value: "1-service": ${DNS1035_MSG}` },
  { name: 'limits subdomain names to 253 characters', kind: 'core/v1/ConfigMap', change: (o) => (o.metadata.name = 'a'.repeat(254)), field: 'metadata.name', message: `Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters` },
  // labels and annotations
  { name: 'rejects label keys that are not qualified names', kind: 'core/v1/Pod', change: (o) => (o.metadata.labels['bad key'] = 'x'), field: 'metadata.labels', message: `Invalid value: "bad key": ${QNAME_MSG}` },
  { name: 'limits label values to 63 characters', kind: 'core/v1/Pod', change: (o) => (o.metadata.labels.app = 'v'.repeat(64)), field: 'metadata.labels', message: `Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters` },
  {
    name: 'limits the total size of annotations',
    kind: 'core/v1/Pod',
    change: (o) => (o.metadata.annotations = { big: 'x'.repeat(256 * 1024) }),
    field: 'metadata.annotations',
    message: 'Too long: may not be more than 262144 bytes',
    type: 'FieldValueTooLong',
  },
  { name: 'checks template labels too', kind: 'apps/v1/Deployment', change: (o) => (o.spec.template.metadata.labels['-x'] = 'y'), field: 'spec.template.metadata.labels', message: `Invalid value: "-x": ${QNAME_MSG}` },
  { name: 'rejects unqualified custom finalizers', kind: 'core/v1/ConfigMap', change: (o) => (o.metadata.finalizers = ['my-finalizer']), field: 'metadata.finalizers[0]', message: 'Invalid value: "my-finalizer": name is neither a standard finalizer name nor is it fully qualified' },
  {
    name: 'allows one controller owner only',
    kind: 'core/v1/Pod',
    change: (o) =>
      (o.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
      ]),
    field: 'metadata.ownerReferences',
    message:
      'Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"a","uid":"1","controller":true},{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"b","uid":"2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
  },
  // containers
  { name: 'needs at least one container', kind: 'core/v1/Pod', change: (o) => (pod(o).containers = []), field: 'spec.containers', message: 'Required value', type: 'FieldValueRequired' },
  { name: 'needs containers in a pod spec', kind: 'core/v1/Pod', change: (o) => delete pod(o).containers, field: 'spec.containers', message: 'Required value', type: 'FieldValueRequired' },
  { name: 'checks container names as DNS labels', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].name = 'Nginx'), field: 'spec.containers[0].name', message: `Invalid value: "Nginx": ${LABEL_MSG}` },
  { name: 'needs an image', kind: 'apps/v1/Deployment', change: (o) => delete tpl(o).containers[0].image, field: 'spec.template.spec.containers[0].image', message: 'Required value', type: 'FieldValueRequired' },
  { name: 'refuses duplicate container names', kind: 'core/v1/Pod', change: (o) => pod(o).containers.push({ name: 'nginx', image: 'nginx' }), field: 'spec.containers[1].name', message: 'Duplicate value: "nginx"', type: 'FieldValueDuplicate' },
  { name: 'keeps names unique across init and app containers', kind: 'core/v1/Pod', change: (o) => (pod(o).initContainers[0].name = 'nginx'), field: 'spec.initContainers[0].name', message: 'Duplicate value: "nginx"' },
  { name: 'keeps port numbers in range', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].ports[0].containerPort = 70000), field: 'spec.containers[0].ports[0].containerPort', message: 'Invalid value: 70000: must be between 1 and 65535, inclusive' },
  { name: 'checks port names as IANA service names', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].ports[0].name = 'http_web'), field: 'spec.containers[0].ports[0].name', message: 'Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' },
  { name: 'keeps port names unique in a container', kind: 'core/v1/Pod', change: (o) => pod(o).containers[0].ports.push({ name: 'http', containerPort: 81 }), field: 'spec.containers[0].ports[1].name', message: 'Duplicate value: "http"' },
  { name: 'knows the protocols', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].ports[0].protocol = 'HTTP'), field: 'spec.containers[0].ports[0].protocol', message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"' },
  { name: 'knows the image pull policies', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].imagePullPolicy = 'Sometimes'), field: 'spec.containers[0].imagePullPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "Never", "IfNotPresent"', type: 'FieldValueNotSupported' },
  { name: 'rejects unparseable quantities', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].resources.limits.cpu = 'two'), field: 'spec.containers[0].resources.limits[cpu]', message: `Invalid value: "two": ${QUANTITY_MSG}` },
  { name: 'keeps requests within limits', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].resources.requests.memory = '1Gi'), field: 'spec.containers[0].resources.requests', message: 'Invalid value: "1Gi": must be less than or equal to memory limit of 128Mi' },
  { name: 'knows the container resource names', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].resources.limits.gpu = '1'), field: 'spec.containers[0].resources.limits[gpu]', message: 'Invalid value: "gpu": must be a standard resource for containers' },
  { name: 'rejects negative quantities', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].resources.requests.cpu = '-1'), field: 'spec.containers[0].resources.requests[cpu]', message: 'Invalid value: "-1": must be greater than or equal to 0' },
  { name: 'points volume mounts at existing volumes', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].volumeMounts[0].name = 'data'), field: 'spec.containers[0].volumeMounts[0].name', message: 'Not found: "data"', type: 'FieldValueNotFound' },
  { name: 'keeps mount paths unique', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].volumeMounts[1].mountPath = '/cache'), field: 'spec.containers[0].volumeMounts[1].mountPath', message: 'Invalid value: "/cache": must be unique' },
  { name: 'needs one value source per env var', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].env[0].value = 'x'), field: 'spec.containers[0].env[0].valueFrom', message: 'Invalid value: "": may not be specified when `value` is not empty' },
  { name: 'knows the downward API fields for env', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].env[0].valueFrom.fieldRef.fieldPath = 'spec.foo'), field: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', message: expect.stringContaining('Unsupported value: "spec.foo": supported values: "metadata.name"') as unknown as string },
  { name: 'needs exactly one probe handler', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].livenessProbe = { periodSeconds: 3 }), field: 'spec.containers[0].livenessProbe', message: 'Required value: must specify a handler type' },
  { name: 'forbids a second probe handler', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].livenessProbe.exec = { command: ['true'] }), field: 'spec.containers[0].livenessProbe.tcpSocket', message: 'Forbidden: may not specify more than 1 handler type' },
  { name: 'keeps liveness success threshold at 1', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].livenessProbe.successThreshold = 2), field: 'spec.containers[0].livenessProbe.successThreshold', message: 'Invalid value: 2: must be 1' },
  { name: 'checks named probe ports', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].readinessProbe.httpGet.port = 'HTTP'), field: 'spec.containers[0].readinessProbe.httpGet.port', message: 'Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' },
  {
    name: 'refuses privileged containers that forbid escalation',
    kind: 'core/v1/Pod',
    change: (o) => (pod(o).containers[0].securityContext = { privileged: true, allowPrivilegeEscalation: false }),
    field: 'spec.containers[0].securityContext',
    message: 'Invalid value: {"privileged":true,"allowPrivilegeEscalation":false}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
  },
  // pod spec
  { name: 'knows the restart policies', kind: 'core/v1/Pod', change: (o) => (pod(o).restartPolicy = 'Sometimes'), field: 'spec.restartPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"', type: 'FieldValueNotSupported' },
  { name: 'knows the DNS policies', kind: 'core/v1/Pod', change: (o) => (pod(o).dnsPolicy = 'Google'), field: 'spec.dnsPolicy', message: 'Unsupported value: "Google": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"' },
  { name: 'needs dnsConfig with dnsPolicy None', kind: 'core/v1/Pod', change: (o) => (pod(o).dnsPolicy = 'None'), field: 'spec.dnsConfig', message: 'Required value: must provide `dnsConfig` when `dnsPolicy` is None' },
  { name: 'refuses duplicate volume names', kind: 'core/v1/Pod', change: (o) => pod(o).volumes.push({ name: 'cache', emptyDir: {} }), field: 'spec.volumes[2].name', message: 'Duplicate value: "cache"' },
  { name: 'needs a volume source', kind: 'core/v1/Pod', change: (o) => (pod(o).volumes[0] = { name: 'cache' }), field: 'spec.volumes[0]', message: 'Required value: must specify a volume type' },
  { name: 'allows one volume source only', kind: 'core/v1/Pod', change: (o) => (pod(o).volumes[0].secret = { secretName: 's' }), field: 'spec.volumes[0].secret', message: 'Forbidden: may not specify more than 1 volume type' },
  { name: 'keeps projected files inside the volume', kind: 'core/v1/Pod', change: (o) => (pod(o).volumes[1].configMap.items[0].path = '../etc/passwd'), field: 'spec.volumes[1].configMap.items[0].path', message: `Invalid value: "../etc/passwd": must not contain '..'` },
  { name: 'checks nodeName as a DNS subdomain', kind: 'core/v1/Pod', change: (o) => (pod(o).nodeName = 'Node_1'), field: 'spec.nodeName', message: `Invalid value: "Node_1": ${SUBDOMAIN_MSG}` },
  { name: 'checks host alias IPs', kind: 'core/v1/Pod', change: (o) => (pod(o).hostAliases[0].ip = '300.1.1.1'), field: 'spec.hostAliases[0].ip', message: 'Invalid value: "300.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
  { name: 'needs hostPort to equal containerPort on the host network', kind: 'core/v1/Pod', change: (o) => ((pod(o).hostNetwork = true), (pod(o).containers[0].ports[0].hostPort = 8080)), field: 'spec.containers[0].ports[0].hostPort', message: 'Invalid value: 8080: must match `containerPort` when `hostNetwork` is true' },
  // scheduling
  {
    name: 'needs Exists for tolerations without a key',
    kind: 'core/v1/Pod',
    change: (o) => (pod(o).tolerations[1] = { operator: 'Equal', value: 'x' }),
    field: 'spec.tolerations[1].operator',
    message: 'Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  },
  {
    name: 'refuses a value with the Exists operator',
    kind: 'core/v1/Pod',
    change: (o) => (pod(o).tolerations[0].value = 'x'),
    field: 'spec.tolerations[0].operator',
    // The value is rendered in declaration order, as Go marshals the struct.
    message: 'Invalid value: {"key":"node.kubernetes.io/not-ready","operator":"Exists","value":"x","effect":"NoExecute","tolerationSeconds":300}: value must be empty when `operator` is \'Exists\'',
  },
  { name: 'needs NoExecute with tolerationSeconds', kind: 'core/v1/Pod', change: (o) => (pod(o).tolerations[0].effect = 'NoSchedule'), field: 'spec.tolerations[0].effect', message: "Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set" },
  { name: 'knows the toleration operators', kind: 'core/v1/Pod', change: (o) => (pod(o).tolerations[0].operator = 'In'), field: 'spec.tolerations[0].operator', message: 'Unsupported value: "In": supported values: "Equal", "Exists"' },
  { name: 'knows the taint effects', kind: 'core/v1/Node', change: (o) => (o.spec.taints[0].effect = 'NoRun'), field: 'spec.taints[0].effect', message: 'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' },
  { name: 'needs a taint effect', kind: 'core/v1/Node', change: (o) => (o.spec.taints[0].effect = ''), field: 'spec.taints[0].effect', message: 'Required value' },
  {
    name: 'keeps taints unique by key and effect',
    kind: 'core/v1/Node',
    change: (o) => o.spec.taints.push({ key: 'dedicated', value: 'other', effect: 'NoSchedule' }),
    field: 'spec.taints[1]',
    message: 'Duplicate value: {"key":"dedicated","value":"other","effect":"NoSchedule"}: taints must be unique by key and effect pair',
  },
  { name: 'checks pod CIDRs', kind: 'core/v1/Node', change: (o) => (o.spec.podCIDRs = ['10.244.1.0']), field: 'spec.podCIDRs[0]', message: 'Invalid value: "10.244.1.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' },
  {
    name: 'needs values for In node selector requirements',
    kind: 'core/v1/Pod',
    change: (o) => delete pod(o).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values,
    field: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values',
    message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
  },
  { name: 'keeps affinity weights between 1 and 100', kind: 'core/v1/Pod', change: (o) => (pod(o).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight = 0), field: 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', message: 'Invalid value: 0: must be in the range 1-100' },
  { name: 'needs a topology key for pod affinity', kind: 'core/v1/Pod', change: (o) => (pod(o).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey = ''), field: 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey', message: 'Required value: can not be empty' },
  { name: 'needs a positive maxSkew', kind: 'core/v1/Pod', change: (o) => (pod(o).topologySpreadConstraints[0].maxSkew = 0), field: 'spec.topologySpreadConstraints[0].maxSkew', message: 'Invalid value: 0: must be greater than zero' },
  {
    name: 'refuses repeated spread constraints',
    kind: 'core/v1/Pod',
    change: (o) => pod(o).topologySpreadConstraints.push({ ...pod(o).topologySpreadConstraints[0] }),
    field: 'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}',
    message: 'Duplicate value: "{topology.kubernetes.io/zone, ScheduleAnyway}"',
  },
  // workloads
  { name: 'needs a deployment selector', kind: 'apps/v1/Deployment', change: (o) => delete o.spec.selector, field: 'spec.selector', message: 'Required value', type: 'FieldValueRequired' },
  { name: 'refuses an empty deployment selector', kind: 'apps/v1/Deployment', change: (o) => (o.spec.selector = {}), field: 'spec.selector', message: 'Invalid value: {}: empty selector is invalid for deployment' },
  { name: 'needs the selector to match the template labels', kind: 'apps/v1/Deployment', change: (o) => (o.spec.template.metadata.labels = { app: 'x' }), field: 'spec.template.metadata.labels', message: 'Invalid value: {"app":"x"}: `selector` does not match template `labels`' },
  { name: 'refuses negative replicas', kind: 'apps/v1/Deployment', change: (o) => (o.spec.replicas = -1), field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
  { name: 'needs templates that restart always', kind: 'apps/v1/Deployment', change: (o) => (tpl(o).restartPolicy = 'Never'), field: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "Never": supported values: "Always"' },
  {
    name: 'refuses a rollout that can make no progress',
    kind: 'apps/v1/Deployment',
    change: (o) => (o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
    field: 'spec.strategy.rollingUpdate.maxUnavailable',
    message: 'Invalid value: 0: may not be 0 when `maxSurge` is 0',
  },
  { name: 'treats 0% like 0', kind: 'apps/v1/Deployment', change: (o) => (o.spec.strategy = { rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } }), field: 'spec.strategy.rollingUpdate.maxUnavailable', message: 'Invalid value: 0: may not be 0 when `maxSurge` is 0' },
  { name: 'caps maxUnavailable at 100%', kind: 'apps/v1/Deployment', change: (o) => (o.spec.strategy = { rollingUpdate: { maxUnavailable: '110%' } }), field: 'spec.strategy.rollingUpdate.maxUnavailable', message: 'Invalid value: "110%": must not be greater than 100%' },
  {
    name: 'needs percentages to look like percentages',
    kind: 'apps/v1/Deployment',
    change: (o) => (o.spec.strategy = { rollingUpdate: { maxSurge: '20Percent' } }),
    field: 'spec.strategy.rollingUpdate.maxSurge',
    message: "Invalid value: \"20Percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
  },
  { name: 'refuses rollingUpdate with Recreate', kind: 'apps/v1/Deployment', change: (o) => (o.spec.strategy = { type: 'Recreate', rollingUpdate: {} }), field: 'spec.strategy.rollingUpdate', message: "Forbidden: may not be specified when strategy `type` is 'Recreate'" },
  { name: 'needs a replicaset selector that matches', kind: 'apps/v1/ReplicaSet', change: (o) => (o.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }), field: 'spec.template.metadata.labels', message: 'Invalid value: {"tier":"frontend"}: `selector` does not match template `labels`' },
  { name: 'checks selector operators', kind: 'apps/v1/ReplicaSet', change: (o) => (o.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'Within', values: ['a'] }] }), field: 'spec.selector.matchExpressions[0].operator', message: 'Invalid value: "Within": not a valid selector operator' },
  // services
  { name: 'needs service ports for ClusterIP services', kind: 'core/v1/Service', change: (o) => delete o.spec.ports, field: 'spec.ports', message: 'Required value' },
  { name: 'needs port names when there are several ports', kind: 'core/v1/Service', change: (o) => o.spec.ports.push({ port: 443 }), field: 'spec.ports[1].name', message: 'Required value' },
  { name: 'keeps node ports in the node port range', kind: 'core/v1/Service', change: (o) => ((o.spec.type = 'NodePort'), (o.spec.ports[0].nodePort = 80)), field: 'spec.ports[0].nodePort', message: 'Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767' },
  { name: 'forbids node ports on ClusterIP services', kind: 'core/v1/Service', change: (o) => (o.spec.ports[0].nodePort = 30080), field: 'spec.ports[0].nodePort', message: "Forbidden: may not be used when `type` is 'ClusterIP'" },
  { name: 'knows the service types', kind: 'core/v1/Service', change: (o) => (o.spec.type = 'Internal'), field: 'spec.type', message: 'Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' },
  { name: 'checks named target ports', kind: 'core/v1/Service', change: (o) => (o.spec.ports[0].targetPort = 'web_port'), field: 'spec.ports[0].targetPort', message: 'Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' },
  { name: 'checks cluster IPs', kind: 'core/v1/Service', change: (o) => ((o.spec.clusterIP = '10.96.0.300'), (o.spec.clusterIPs = ['10.96.0.300'])), field: 'spec.clusterIPs[0]', message: 'Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
  { name: 'keeps external traffic policy for external services', kind: 'core/v1/Service', change: (o) => (o.spec.externalTrafficPolicy = 'Local'), field: 'spec.externalTrafficPolicy', message: 'Invalid value: "Local": may only be set for externally-accessible services' },
  // config and secrets
  { name: 'checks config map keys', kind: 'core/v1/ConfigMap', change: (o) => (o.data['bad key'] = 'x'), field: 'data[bad key]', message: `Invalid value: "bad key": ${CONFIG_KEY_MSG}` },
  { name: 'checks secret keys', kind: 'core/v1/Secret', change: (o) => (o.data['bad/key'] = 'eA=='), field: 'data[bad/key]', message: `Invalid value: "bad/key": ${CONFIG_KEY_MSG}` },
  { name: 'needs base64 secret values', kind: 'core/v1/Secret', change: (o) => (o.data.password = 'not base64'), field: 'data[password]', message: 'Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3' },
  { name: 'needs base64 binary config map values', kind: 'core/v1/ConfigMap', change: (o) => (o.binaryData = { b: '!!notb64' }), field: 'binaryData[b]', message: 'Invalid value: "!!notb64": illegal base64 data at input byte 0' },
  { name: 'needs the keys of typed secrets', kind: 'core/v1/Secret', change: (o) => (o.type = 'kubernetes.io/tls'), field: 'data[tls.crt]', message: 'Required value' },
  { name: 'limits config maps to 1 MiB', kind: 'core/v1/ConfigMap', change: (o) => (o.data.big = 'x'.repeat(1024 * 1024 + 1)), field: 'data', message: 'Too long: may not be more than 1048576 bytes' },
  // events, leases, subresources
  { name: 'needs matching event namespaces', kind: 'core/v1/Event', change: (o) => (o.involvedObject.namespace = 'other'), field: 'involvedObject.namespace', message: 'Invalid value: "other": does not match event.namespace' },
  { name: 'needs a reporting controller on new events', kind: 'events.k8s.io/v1/Event', change: (o) => delete o.reportingController, field: 'reportingController', message: 'Required value' },
  { name: 'knows the event types', kind: 'events.k8s.io/v1/Event', change: (o) => (o.type = 'Info'), field: 'type', message: 'Invalid value: "": has invalid value: Info' },
  { name: 'needs positive lease durations', kind: 'coordination.k8s.io/v1/Lease', change: (o) => (o.spec.leaseDurationSeconds = 0), field: 'spec.leaseDurationSeconds', message: 'Invalid value: 0: must be greater than 0' },
  { name: 'refuses negative scale', kind: 'autoscaling/v1/Scale', change: (o) => (o.spec.replicas = -2), field: 'spec.replicas', message: 'Invalid value: -2: must be greater than or equal to 0' },
  { name: 'binds pods to nodes only', kind: 'core/v1/Binding', change: (o) => (o.target.kind = 'Pod'), field: 'target.kind', message: 'Unsupported value: "Pod": supported values: "Node", "<empty>"' },
  { name: 'knows the propagation policies', kind: 'meta/v1/DeleteOptions', change: (o) => (o.propagationPolicy = 'Cascade'), field: 'propagationPolicy', message: 'Unsupported value: "Cascade": supported values: "Foreground", "Background", "Orphan", "nil"' },
  // shape errors
  { name: 'words type mismatches like schema validation', kind: 'apps/v1/Deployment', change: (o) => (o.spec.replicas = 'three'), field: 'spec.replicas', message: 'Invalid value: "three": spec.replicas in body must be of type integer: "string"', type: 'FieldValueTypeInvalid' },
  { name: 'reports fractional integers', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].ports[0].containerPort = 80.5), field: 'spec.containers[0].ports[0].containerPort', message: 'Invalid value: 80.5: spec.containers[0].ports[0].containerPort in body must be of type integer: "number"' },
  { name: 'reports label values that are not strings', kind: 'core/v1/Pod', change: (o) => (o.metadata.labels.version = 2), field: 'metadata.labels.version', message: 'Invalid value: 2: metadata.labels.version in body must be of type string: "integer"' },
  { name: 'reports lists given as objects', kind: 'core/v1/Pod', change: (o) => (pod(o).containers[0].args = { a: 1 }), field: 'spec.containers[0].args', message: 'Invalid value: {"a":1}: spec.containers[0].args in body must be of type array: "object"' },
  { name: 'reports bad timestamps', kind: 'core/v1/Pod', change: (o) => (o.status.startTime = 'yesterday'), field: 'status.startTime', message: 'Invalid value: "yesterday": status.startTime in body must be of type date-time: "string"' },
  { name: 'reports a wrong kind', kind: 'core/v1/Pod', change: (o) => (o.kind = 'Pdo'), field: 'kind', message: 'Unsupported value: "Pdo": supported values: "Pod"' },
];

describe('kind schemas', () => {
  it.each(SEEDED_KINDS)('accepts the seed %s', (kind) => {
    expect(validateObject(SCHEMA_OF[kind], seed(kind))).toEqual([]);
  });

  it.each(cases)('$name', ({ kind, change, field, message, type }) => {
    const obj = seed(kind);
    change(obj);
    const errors = validateObject(SCHEMA_OF[kind], obj);
    expect(errors).toContainEqual(type ? { type, field, message } : expect.objectContaining({ field, message }));
  });

  // What `kubectl create ... --dry-run=client -o json` (v1.32) prints; the apiserver adds the namespace from the URL.
  const generated: Array<[KindKey, Obj]> = [
    ['apps/v1/Deployment', { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] } }, strategy: {} }, status: {} }],
    ['core/v1/Pod', { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'pod1', creationTimestamp: null, labels: { run: 'pod1' } }, spec: { containers: [{ name: 'pod1', image: 'busybox', args: ['sleep', '3600'], resources: {} }], restartPolicy: 'Never', dnsPolicy: 'ClusterFirst' }, status: {} }],
    ['core/v1/Service', { kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } }, spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'web' }, type: 'NodePort' }, status: { loadBalancer: {} } }],
    ['core/v1/ConfigMap', { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', creationTimestamp: null }, data: { a: 'b' } }],
    ['core/v1/Secret', { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'sec', creationTimestamp: null }, data: { password: 'aHVudGVyMg==' } }],
    ['core/v1/Namespace', { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'team', creationTimestamp: null }, spec: {}, status: {} }],
    ['core/v1/ServiceAccount', { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'robot', creationTimestamp: null } }],
  ];

  it.each(generated)('accepts the %s kubectl generates', (kind, obj) => {
    if (kind !== 'core/v1/Namespace') obj.metadata.namespace = 'default';
    expect(validateObject(SCHEMA_OF[kind], obj)).toEqual([]);
  });

  it('finds the schema of an apiVersion and kind', () => {
    expect(schemaFor('v1', 'Pod')).toBe(SCHEMA_OF['core/v1/Pod']);
    expect(schemaFor('events.k8s.io/v1', 'Event')).toBe(SCHEMA_OF['events.k8s.io/v1/Event']);
    expect(schemaFor('batch/v1', 'Job')).toBeUndefined();
  });

  it('treats null fields as unset, like Go decoding', () => {
    const d = seed('apps/v1/Deployment');
    d.metadata.creationTimestamp = null;
    d.spec.template.metadata.creationTimestamp = null;
    d.spec.strategy = null;
    d.spec.template.spec.containers[0].resources = null;
    d.status = null;
    expect(validateObject(SCHEMA_OF['apps/v1/Deployment'], d)).toEqual([]);
  });

  it('reports every problem of an object, not just the first', () => {
    const p = seed('core/v1/Pod');
    p.metadata.name = 'Bad_Name';
    p.spec.restartPolicy = 'Sometimes';
    p.spec.containers[0].ports[0].containerPort = 0;
    const fields = validateObject(SCHEMA_OF['core/v1/Pod'], p).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['metadata.name', 'spec.restartPolicy', 'spec.containers[0].ports[0].containerPort']));
  });

  it('accepts the usual shapes of workload manifests', () => {
    const d = seed('apps/v1/Deployment');
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } };
    d.spec.selector = { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'app', operator: 'Exists' }] };
    d.spec.template.spec.containers[0].resources = { requests: { cpu: 0.5, memory: '1e8' }, limits: { 'nvidia.com/gpu': 1 } };
    d.spec.template.spec.containers[0].resources.requests['nvidia.com/gpu'] = 1;
    d.spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: 'cfg' } }, { prefix: 'S_', secretRef: { name: 'sec' } }];
    d.spec.template.spec.containers[0].lifecycle = { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } };
    d.spec.template.spec.containers[0].startupProbe = { grpc: { port: 9000 }, failureThreshold: 30 };
    d.spec.template.spec.imagePullSecrets = [{ name: 'regcred' }];
    d.spec.template.spec.volumes = [
      { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
      { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'tls', secret: { secretName: 'tls', defaultMode: 0o400 } },
    ];
    expect(validateObject(SCHEMA_OF['apps/v1/Deployment'], d)).toEqual([]);
  });

  it('validates pods well under a millisecond', () => {
    const schema = SCHEMA_OF['core/v1/Pod'];
    const typical = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } };
    // The best of several batches: other test files share the CPU, and the fastest batch shows the real cost.
    const perOp = (obj: Obj) => {
      let best = Infinity;
      for (let batch = 0; batch < 8; batch++) {
        const start = performance.now();
        for (let i = 0; i < 40; i++) validateObject(schema, obj);
        best = Math.min(best, (performance.now() - start) / 40);
      }
      return best;
    };
    expect(perOp(typical)).toBeLessThan(0.25);
    expect(perOp(seed('core/v1/Pod'))).toBeLessThan(1);
  });
});
