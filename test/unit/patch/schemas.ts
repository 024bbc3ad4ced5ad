// Small OpenAPI v3 definition maps shaped like the real k8s ones (refs, allOf wrappers, extensions on both sides).
import { schemaNode, type JsonSchema, type SchemaNode } from '../../../durable-objects/apiserver/patch/index.ts';

const ref = (name: string, extra: JsonSchema = {}): JsonSchema => ({ allOf: [{ $ref: `#/components/schemas/${name}` }], ...extra });
const str: JsonSchema = { type: 'string' };
const int: JsonSchema = { type: 'integer' };
const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string', default: '' } };
const atomicStrings: JsonSchema = { type: 'array', items: { type: 'string', default: '' }, 'x-kubernetes-list-type': 'atomic' };

export const definitions: Record<string, JsonSchema> = {
  ObjectMeta: {
    type: 'object',
    properties: {
      name: str,
      namespace: str,
      uid: str,
      resourceVersion: str,
      generation: { type: 'integer', format: 'int64' },
      creationTimestamp: ref('Time'),
      labels: stringMap,
      annotations: stringMap,
      finalizers: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      ownerReferences: {
        type: 'array',
        items: ref('OwnerReference', { default: {} }),
        'x-kubernetes-list-map-keys': ['uid'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-patch-strategy': 'merge',
      },
      managedFields: { type: 'array', items: ref('ManagedFieldsEntry', { default: {} }), 'x-kubernetes-list-type': 'atomic' },
    },
  },
  Time: { type: 'string', format: 'date-time' },
  ManagedFieldsEntry: { type: 'object', properties: { manager: str, operation: str, fieldsV1: { type: 'object' } } },
  OwnerReference: {
    type: 'object',
    properties: { apiVersion: str, kind: str, name: str, uid: str, controller: { type: 'boolean' } },
    'x-kubernetes-map-type': 'atomic',
  },
  LabelSelector: {
    type: 'object',
    properties: { matchLabels: stringMap, matchExpressions: { type: 'array', items: { type: 'object' }, 'x-kubernetes-list-type': 'atomic' } },
    'x-kubernetes-map-type': 'atomic',
  },
  IntOrString: { type: 'string', format: 'int-or-string' },
  Pod: {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta', { default: {} }),
      spec: ref('PodSpec', { default: {} }),
      status: ref('PodStatus', { default: {} }),
    },
  },
  PodStatus: { type: 'object', properties: { phase: str } },
  PodTemplateSpec: {
    type: 'object',
    properties: { metadata: ref('ObjectMeta', { default: {} }), spec: ref('PodSpec', { default: {} }) },
  },
  PodSpec: {
    type: 'object',
    required: ['containers'],
    properties: {
      containers: {
        type: 'array',
        items: ref('Container', { default: {} }),
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge',
      },
      initContainers: {
        type: 'array',
        items: ref('Container', { default: {} }),
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge',
      },
      volumes: {
        type: 'array',
        items: ref('Volume', { default: {} }),
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge,retainKeys',
      },
      tolerations: { type: 'array', items: ref('Toleration', { default: {} }), 'x-kubernetes-list-type': 'atomic' },
      nodeSelector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
      restartPolicy: str,
      serviceAccountName: str,
      terminationGracePeriodSeconds: int,
    },
  },
  Container: {
    type: 'object',
    required: ['name'],
    properties: {
      name: str,
      image: str,
      imagePullPolicy: str,
      args: atomicStrings,
      command: atomicStrings,
      ports: {
        type: 'array',
        items: ref('ContainerPort', { default: {} }),
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'containerPort',
        'x-kubernetes-patch-strategy': 'merge',
      },
      env: {
        type: 'array',
        items: ref('EnvVar', { default: {} }),
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge',
      },
      resources: ref('ResourceRequirements', { default: {} }),
    },
  },
  ContainerPort: {
    type: 'object',
    properties: { containerPort: { type: 'integer', default: 0 }, protocol: { type: 'string', default: 'TCP' }, name: str },
  },
  EnvVar: { type: 'object', properties: { name: str, value: str } },
  ResourceRequirements: { type: 'object', properties: { limits: stringMap, requests: stringMap } },
  Toleration: { type: 'object', properties: { key: str, operator: str, value: str, effect: str } },
  Volume: {
    type: 'object',
    properties: {
      name: str,
      configMap: { type: 'object', properties: { name: str } },
      emptyDir: { type: 'object', properties: { medium: str } },
      secret: { type: 'object', properties: { secretName: str } },
    },
  },
  Deployment: {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta', { default: {} }),
      spec: ref('DeploymentSpec', { default: {} }),
      status: ref('DeploymentStatus', { default: {} }),
    },
  },
  DeploymentSpec: {
    type: 'object',
    required: ['selector', 'template'],
    properties: {
      replicas: int,
      selector: ref('LabelSelector'),
      template: ref('PodTemplateSpec', { default: {} }),
      strategy: ref('DeploymentStrategy', { default: {}, 'x-kubernetes-patch-strategy': 'retainKeys' }),
      revisionHistoryLimit: int,
    },
  },
  DeploymentStrategy: { type: 'object', properties: { type: str, rollingUpdate: ref('RollingUpdateDeployment') } },
  RollingUpdateDeployment: { type: 'object', properties: { maxSurge: ref('IntOrString'), maxUnavailable: ref('IntOrString') } },
  DeploymentStatus: { type: 'object', properties: { replicas: int, readyReplicas: int } },
};

export const podSchema: SchemaNode = schemaNode(definitions, 'Pod');
export const deploymentSchema: SchemaNode = schemaNode(definitions, 'Deployment');

/** The nginx Deployment of the Kubernetes docs, as a seed cluster would hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at nested fields freely
export function nginxDeployment(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'nginx',
      namespace: 'default',
      uid: '5b1c2a43-0000-4000-8000-000000000001',
      resourceVersion: '42',
      generation: 1,
      creationTimestamp: '2024-05-01T10:00:00Z',
      labels: { app: 'nginx' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.14.2',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              resources: {},
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
        },
      },
    },
    status: { replicas: 3, readyReplicas: 3 },
  };
}
