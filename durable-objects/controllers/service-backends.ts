// What a Service selects: pods with an IP matching its selector, their readiness, and the port each Service port
// reaches on them (a number, or a container port name). Shared by the Endpoints and EndpointSlice controllers.
import type { ReconcileContext } from './types.ts';
import type { Pod, Service, ServicePort } from '../registry/schemas/index.ts';
import { matchesLabels } from '../apiserver/selectors.ts';
import type { ChangeEvent } from '../store/types.ts';

export interface Backend {
  pod: Pod;
  ip: string;
  ready: boolean;
  terminating: boolean;
  node: string | undefined;
}

function podReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function selectorOf(svc: Service): Array<{ key: string; op: 'Equals'; values: string[] }> | undefined {
  const sel = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length) return undefined;
  return Object.entries(sel).map(([key, v]) => ({ key, op: 'Equals' as const, values: [v] }));
}

/** Pods behind a Service; succeeded/failed pods never are. */
export function serviceBackends(ctx: ReconcileContext, svc: Service): Backend[] {
  const sel = selectorOf(svc);
  if (!sel) return [];
  const out: Backend[] = [];
  for (const e of ctx.store.list('pods', svc.metadata.namespace)) {
    const p = e.object as Pod;
    const ip = p.status?.podIP;
    if (!ip || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    if (!matchesLabels(sel, p.metadata.labels)) continue;
    out.push({ pod: p, ip, ready: podReady(p) && !p.metadata.deletionTimestamp, terminating: !!p.metadata.deletionTimestamp, node: p.spec?.nodeName });
  }
  return out.sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }));
}

/** The pod port a Service port sends to; a named targetPort is looked up among the pod's container ports. */
export function targetPortOn(sp: ServicePort, pod: Pod): number | undefined {
  const t = sp.targetPort ?? sp.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === t && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

/** Services (in the pod's namespace) whose selector matches a pod before or after a change. */
export function servicesForPod(ctx: ReconcileContext, e: ChangeEvent): string[] {
  const keys: string[] = [];
  for (const s of ctx.store.list('services', e.key.namespace)) {
    const sel = selectorOf(s.object as Service);
    if (!sel) continue;
    if (matchesLabels(sel, e.object.metadata.labels) || (e.prev && matchesLabels(sel, e.prev.metadata.labels))) keys.push(`${e.key.namespace}/${s.object.metadata.name}`);
  }
  return keys;
}
