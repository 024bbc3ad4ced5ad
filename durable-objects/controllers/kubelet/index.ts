// The simulated kubelets, one per Node: pod workers (kubelet/pod-worker.ts, driven by the stage table in
// kubelet/stages.ts) and the node agent (heartbeats, registration). Keys are `namespace/name` for pods and
// `node:<name>` for nodes; work is found through the pods-by-node index, never by scanning every pod.
import type { Pod } from '../../registry/schemas/index.ts';
import type { KubeObject } from '../../types.ts';
import { ApiError } from '../../apiserver/errors.ts';
import type { Controller, ReconcileContext } from '../types.ts';
import { nodeDown } from './node-fault.ts';
import { LEASE_NAMESPACE, LEASES, reconcileNode } from './node-agent.ts';
import { trackPodIP } from './pod-ips.ts';
import { commit, makeWork, reconcilePod } from './pod-worker.ts';
import { kubeletState } from './state.ts';
import { derivePodStatus } from './status.ts';
import { forgetMountWaits, mountWaiters } from './volumes.ts';
import { cs, terminate } from './work.ts';

const NODE_PREFIX = 'node:';

export const kubelet = {
  name: 'kubelet',
  watches: ['pods', 'nodes', LEASES, 'configmaps', 'secrets'],
  keysFor(e, ctx) {
    const s = kubeletState(ctx);
    const { resource, namespace, name } = e.key;
    if (resource === 'pods') {
      trackPodIP(s, e);
      const key = `${namespace}/${name}`;
      if (e.type === 'DELETED') {
        const uid = e.object.metadata.uid ?? '';
        forgetMountWaits(s, s.pods.get(uid), key);
        s.pods.delete(uid);
        return [];
      }
      if (s.writing === key || !(e.object.spec as { nodeName?: string } | undefined)?.nodeName) return [];
      return [key];
    }
    if (resource === 'nodes') {
      if (s.writing === `${NODE_PREFIX}${name}`) return [];
      const keys = [`${NODE_PREFIX}${name}`];
      // A kubelet coming back (or a node failing) looks at every pod it runs again.
      if (e.type !== 'DELETED' && nodeDown(e.prev) !== nodeDown(e.object)) {
        for (const p of ctx.index.podsOnNode(name)) keys.push(`${p.metadata.namespace}/${p.metadata.name}`);
      }
      return keys;
    }
    // A ConfigMap or Secret a pod waits to mount appeared (or gained the key it lacked).
    if (resource === 'configmaps' || resource === 'secrets') return e.type === 'DELETED' ? [] : mountWaiters(s, resource, namespace, name);
    if (namespace !== LEASE_NAMESPACE || s.writing === `lease:${name}`) return [];
    return [`${NODE_PREFIX}${name}`];
  },
  resync(ctx) {
    const keys = ctx.store.list('nodes').map((e) => `${NODE_PREFIX}${e.object.metadata.name}`);
    for (const e of ctx.store.list('pods')) if ((e.object.spec as { nodeName?: string } | undefined)?.nodeName) keys.push(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    return keys;
  },
  reconcile(key, ctx) {
    if (key.startsWith(NODE_PREFIX)) return reconcileNode(key.slice(NODE_PREFIX.length), ctx);
    return reconcilePod(key, ctx);
  },
} satisfies Controller;

/**
 * Fault injection: the container's process dies as if killed (exit code 137, reason Error). The kubelet then restarts
 * it as the pod's restart policy and the crash back-off say. Returns the pod as written.
 */
export function crashContainer(ctx: ReconcileContext, pod: KubeObject, containerName?: string): KubeObject {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const cur = ctx.store.get('pods', ns, name) as Pod | undefined;
  if (!cur) throw new ApiError('NotFound', `pods "${name}" not found`);
  const spec = [...(cur.spec?.initContainers ?? []).map((c) => ({ c, kind: 'init' as const })), ...(cur.spec?.containers ?? []).map((c) => ({ c, kind: 'app' as const }))];
  const ref = containerName ? spec.find((r) => r.c.name === containerName) : spec.find((r) => r.kind === 'app');
  if (!ref) throw new ApiError('BadRequest', `container ${containerName} is not valid for pod ${name}`);
  const w = makeWork(ctx, cur);
  if (!w) throw new ApiError('Conflict', `pod "${name}" is not running on a live node`);
  if (!cs(w, ref).state?.running) throw new ApiError('BadRequest', `container "${ref.c.name}" in pod "${name}" is not running`);
  w.t = w.now;
  terminate(w, ref, 137, 'Error');
  derivePodStatus(cur, w.st, w.now, !!w.st.podIP);
  return commit(w, '');
}
