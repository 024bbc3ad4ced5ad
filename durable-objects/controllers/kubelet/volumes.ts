// The kubelet's volume manager, as far as the simulation needs it: before the pod sandbox is created, every
// ConfigMap and Secret the pod's volumes name (directly or in a projected volume) must exist, unless `optional`.
// A missing one fails MountVolume.SetUp (a Warning FailedMount event per attempt) and the pod waits in
// ContainerCreating; attempts back off like the operation executor's (500 ms doubling to 2m2s), and the creation of
// the missing object wakes the pod at once (keysFor in kubelet/index.ts asks `mountWaiters`).
import type { Pod } from '../../registry/schemas/index.ts';
import type { Store } from '../../store/store.ts';
import type { KubeletState, PodMemo } from './state.ts';

export interface MountFailure {
  volume: string;
  /** The SetUp error, as the kubelet words it (`configmap "cfg" not found`). */
  error: string;
  /** Store keys (`configmaps/ns/name`) whose creation or change may let the mount succeed. */
  waitsFor: string[];
}

type Kind = 'configmap' | 'secret';
interface Ref {
  kind: Kind;
  name: string;
  optional: boolean;
  keys: string[];
}

const RESOURCE: Record<Kind, string> = { configmap: 'configmaps', secret: 'secrets' };

export const waitKey = (resource: string, namespace: string, name: string) => `${resource}/${namespace}/${name}`;

/** What one reference lacks: the object, or a key its items list (messages of the configmap and secret plugins). */
function problem(store: Store, ns: string, ref: Ref): string | undefined {
  const o = store.get(RESOURCE[ref.kind], ns, ref.name) as { data?: Record<string, string>; binaryData?: Record<string, string>; stringData?: Record<string, string> } | undefined;
  if (!o) return ref.optional ? undefined : `${ref.kind} "${ref.name}" not found`;
  if (ref.optional) return undefined;
  for (const key of ref.keys) {
    if (key in (o.data ?? {}) || key in (o.binaryData ?? {}) || key in (o.stringData ?? {})) continue;
    return ref.kind === 'configmap' ? `configmap references non-existent config key: ${key}` : `references non-existent secret key: ${key}`;
  }
  return undefined;
}

/** The volumes of the pod that cannot be set up now, in spec order. */
export function mountFailures(store: Store, pod: Pod): MountFailure[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out: MountFailure[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const refs: Ref[] = [];
    const keys = (items: Array<{ key: string }> | undefined) => (items ?? []).map((i) => i.key);
    if (v.configMap?.name) refs.push({ kind: 'configmap', name: v.configMap.name, optional: !!v.configMap.optional, keys: keys(v.configMap.items) });
    if (v.secret?.secretName) refs.push({ kind: 'secret', name: v.secret.secretName, optional: !!v.secret.optional, keys: keys(v.secret.items) });
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) refs.push({ kind: 'configmap', name: s.configMap.name, optional: !!s.configMap.optional, keys: keys(s.configMap.items) });
      if (s.secret?.name) refs.push({ kind: 'secret', name: s.secret.name, optional: !!s.secret.optional, keys: keys(s.secret.items) });
    }
    const errors: string[] = [];
    const waitsFor: string[] = [];
    for (const ref of refs) {
      const e = problem(store, ns, ref);
      if (!e) continue;
      if (!errors.includes(e)) errors.push(e);
      waitsFor.push(waitKey(RESOURCE[ref.kind], ns, ref.name));
    }
    if (!errors.length) continue;
    // A projected volume aggregates its sources' errors (utilerrors.NewAggregate: one as is, several in brackets).
    out.push({ volume: v.name, error: errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`, waitsFor });
  }
  return out;
}

/** Remembers that the pod waits for these objects, so their creation (or an update adding a key) wakes it. */
export function waitForMounts(s: KubeletState, memo: PodMemo, podKey: string, failures: MountFailure[]): void {
  for (const f of failures) {
    for (const k of f.waitsFor) {
      let set = s.mountWaits.get(k);
      if (!set) s.mountWaits.set(k, (set = new Set()));
      set.add(podKey);
      memo.mountWaits.add(k);
    }
  }
}

/** The pods waiting for this object (handed out once: a pod still missing something registers again). */
export function mountWaiters(s: KubeletState, resource: string, namespace: string, name: string): string[] {
  const k = waitKey(resource, namespace, name);
  const set = s.mountWaits.get(k);
  if (!set) return [];
  s.mountWaits.delete(k);
  return [...set];
}

/** Forgets a pod that is gone. */
export function forgetMountWaits(s: KubeletState, memo: PodMemo | undefined, podKey: string): void {
  for (const k of memo?.mountWaits ?? []) {
    const set = s.mountWaits.get(k);
    set?.delete(podKey);
    if (set && !set.size) s.mountWaits.delete(k);
  }
}
