// Service (core/v1): a stable virtual IP and DNS name in front of pods chosen by a selector.
import { defineKind } from '../strategy.ts';
import { ServiceSchema, type Service } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';
import type { FieldError } from '../../apiserver/errors.ts';

function externalIP(s: Service): string {
  const spec = s.spec ?? {};
  const ext = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ExternalName':
      return spec.externalName ?? '<none>';
    case 'LoadBalancer': {
      const ing = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
      const all = [...ing, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    default:
      return ext.length ? ext.join(',') : '<none>';
  }
}

function ports(s: Service): string {
  const p = s.spec?.ports ?? [];
  if (!p.length) return '<none>';
  return p.map((x) => (x.nodePort ? `${x.port}:${x.nodePort}/${x.protocol ?? 'TCP'}` : `${x.port}/${x.protocol ?? 'TCP'}`)).join(',');
}

function validateServiceUpdate(s: Service, old: Service): FieldError[] {
  const errs: FieldError[] = [];
  const oldIP = old.spec?.clusterIP;
  const newIP = s.spec?.clusterIP;
  if (oldIP && oldIP !== 'None' && newIP && newIP !== oldIP && s.spec?.type !== 'ExternalName')
    errs.push({ type: 'FieldValueInvalid', field: 'spec.clusterIPs[0]', message: `Invalid value: []string{"${newIP}"}: may not change once set` });
  return errs;
}

export default defineKind<Service>({
  kind: 'Service',
  resource: 'services',
  singular: 'service',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  definition: 'io.k8s.api.core.v1.Service',
  schema: ServiceSchema,
  hasStatus: true,
  subresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
  defaults(svc) {
    const spec = (svc.spec ??= {});
    spec.type ??= 'ClusterIP';
    if (spec.type !== 'ExternalName') {
      spec.sessionAffinity ??= 'None';
      spec.internalTrafficPolicy ??= 'Cluster';
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.ipFamilies ??= ['IPv4'];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
    for (const p of spec.ports ?? []) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
  },
  prepareForCreate(svc) {
    svc.status = { loadBalancer: {} };
  },
  validateUpdate: validateServiceUpdate,
  printColumns: [
    nameColumn,
    { name: 'Type', type: 'string', description: 'How the service is exposed.', cell: (s) => s.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', type: 'string', description: 'The virtual IP inside the cluster.', cell: (s) => (s.spec?.type === 'ExternalName' ? '<none>' : s.spec?.clusterIP || '<none>') },
    { name: 'External-IP', type: 'string', description: 'Addresses reachable from outside the cluster.', cell: externalIP },
    { name: 'Port(s)', type: 'string', description: 'Service ports, with node ports when allocated.', cell: ports },
    ageColumn,
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Labels of the pods behind the service.',
      cell: (s) => {
        const sel = Object.entries(s.spec?.selector ?? {});
        return sel.length ? sel.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
      },
    },
  ],
});
