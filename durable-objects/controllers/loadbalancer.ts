// A simulated cloud load balancer: LoadBalancer Services get an external IP (from 203.0.113.0/24, a documentation
// range) after the provisioning time of the profile, with the events a cloud controller records.
import type { Controller } from './types.ts';
import { splitKey } from './types.ts';
import type { Service } from '../registry/schemas/index.ts';
import { clone } from '../util.ts';

const PROVISION_MS = { realistic: 3_000, fast: 0 } as const;

function usedIPs(services: Service[]): Set<string> {
  return new Set(services.flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '')));
}

export const loadBalancer = {
  name: 'service-lb',
  watches: ['services'],
  resync: (ctx) => ctx.store.list('services').map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const svc = ctx.store.get('services', ns, name) as Service | undefined;
    if (!svc || svc.metadata.deletionTimestamp) return;
    const has = (svc.status?.loadBalancer?.ingress ?? []).length > 0;
    const source = { component: 'service-controller' };
    if (svc.spec?.type !== 'LoadBalancer') {
      if (has) {
        const next = clone(svc);
        next.status = { ...next.status, loadBalancer: {} };
        ctx.client.updateStatus(next);
        ctx.events.normal(svc, 'DeletedLoadBalancer', 'Deleted load balancer', source);
      }
      return;
    }
    if (has) return;
    const waited = ctx.clock.now() - Date.parse(svc.metadata.creationTimestamp ?? '');
    const need = PROVISION_MS[ctx.config.profile];
    if (waited < need) {
      ctx.events.normal(svc, 'EnsuringLoadBalancer', 'Ensuring load balancer', source);
      return { requeueAfterMs: need - waited };
    }
    const used = usedIPs(ctx.store.list('services').map((e) => e.object as Service));
    let ip = '';
    for (let i = 10; i < 255 && !ip; i++) if (!used.has(`203.0.113.${i}`)) ip = `203.0.113.${i}`;
    if (!ip) {
      ctx.events.warning(svc, 'SyncLoadBalancerFailed', 'Error syncing load balancer: no external addresses left in 203.0.113.0/24', source);
      return;
    }
    const next = clone(svc);
    next.status = { ...next.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
    ctx.client.updateStatus(next);
    ctx.events.normal(svc, 'EnsuredLoadBalancer', 'Ensured load balancer', source);
  },
} satisfies Controller;
