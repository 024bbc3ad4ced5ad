// Test-only stand-in for the scheduler and kubelets: binds pending pods round-robin to workers, marks them Running and
// Ready (optionally after a delay, or never for chosen images), and finishes graceful deletions at once.
import type { Controller, ReconcileContext } from '../../../../durable-objects/controllers/types.ts';
import { splitKey } from '../../../../durable-objects/controllers/types.ts';
import { rfc3339 } from '../../../../durable-objects/apiserver/context.ts';
import type { Pod } from '../../../../durable-objects/registry/schemas/index.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';

export interface FakeKubeletOptions {
  /** Time from binding to Ready. */
  readyAfterMs?: number;
  /** Pods that start but never pass readiness (a broken image). */
  neverReady?: (pod: Pod) => boolean;
  /** How long a deleted pod takes to shut down; 0 finishes the deletion at once. */
  terminationMs?: number;
}

export function fakeKubelet(o: FakeKubeletOptions = {}): Controller {
  const boundAt = new Map<string, number>();
  const dyingSince = new Map<string, number>();
  let turn = 0;
  const workers = (ctx: ReconcileContext) => {
    const names = ctx.store.list('nodes').map((e) => e.object.metadata.name!);
    const w = names.filter((n) => n.startsWith('worker-'));
    return w.length ? w : names;
  };
  return {
    name: 'fake-kubelet',
    watches: ['pods'],
    resync: (ctx) => ctx.store.list('pods').map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
    reconcile(key, ctx) {
      const [ns, name] = splitKey(key);
      const pod = ctx.store.get('pods', ns, name) as Pod | undefined;
      if (!pod) return;
      const now = ctx.clock.now();
      if (pod.metadata.deletionTimestamp) {
        const since = dyingSince.get(pod.metadata.uid!) ?? now;
        dyingSince.set(pod.metadata.uid!, since);
        const left = since + (o.terminationMs ?? 0) - now;
        if (left > 0) return { requeueAfterMs: left };
        ctx.client.delete('v1', 'Pod', ns, name, { gracePeriodSeconds: 0 });
        return;
      }
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      if (!pod.spec?.nodeName) {
        const nodes = workers(ctx);
        ctx.client.bind(ns, name, nodes[turn++ % nodes.length]!);
        boundAt.set(pod.metadata.uid!, now);
        return;
      }
      if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return;
      const ready = !o.neverReady?.(pod);
      const due = (boundAt.get(pod.metadata.uid!) ?? now) + (o.readyAfterMs ?? 0);
      if (ready && now < due) return { requeueAfterMs: due - now };
      if (!ready && pod.status?.phase === 'Running') return;
      const copy = JSON.parse(JSON.stringify(pod)) as Pod;
      const t = rfc3339(now);
      const flag = ready ? 'True' : 'False';
      const conditions = (copy.status?.conditions ?? []).filter((c) => c.type === 'PodScheduled');
      conditions.push({ type: 'Initialized', status: 'True', lastTransitionTime: t });
      conditions.push({ type: 'ContainersReady', status: flag, lastTransitionTime: t });
      conditions.push({ type: 'Ready', status: flag, lastTransitionTime: t });
      copy.status = {
        ...copy.status,
        phase: 'Running',
        startTime: t,
        conditions,
        containerStatuses: (copy.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: t } } })),
      };
      ctx.client.updateStatus(copy as KubeObject);
    },
  };
}
