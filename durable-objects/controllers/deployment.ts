// Deployment controller: rolls ReplicaSets forward (RollingUpdate or Recreate) and back, scales them, reports progress.
import type { Controller, ReconcileContext } from './types.ts';
import { splitKey } from './types.ts';
import type { ChangeEvent } from '../store/types.ts';
import type { Deployment, ReplicaSet } from '../registry/schemas/index.ts';
import { specMatches } from '../apiserver/selectors.ts';
import { deepEqual } from '../util.ts';
import { controllerRef, refersTo } from './workloads/pods.ts';
import { syncDeployment } from './workloads/sync.ts';

const RESOURCE = 'deployments.apps';

/** Deployments of the namespace that would adopt an orphan ReplicaSet with these labels. */
function selecting(ctx: ReconcileContext, namespace: string, labels: Record<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const { object } of ctx.store.list(RESOURCE, namespace)) {
    const d = object as Deployment;
    const m = d.spec?.selector;
    if (!m || (!Object.keys(m.matchLabels ?? {}).length && !m.matchExpressions?.length)) continue;
    try {
      if (specMatches(m, labels)) out.push(`${namespace}/${d.metadata.name}`);
    } catch {
      // A selector that does not parse selects nothing; its own sync reports it.
    }
  }
  return out;
}

function keysForReplicaSet(e: ChangeEvent, ctx: ReconcileContext): string[] {
  const ns = e.key.namespace;
  const cur = controllerRef(e.object);
  const curKey = refersTo(cur, 'Deployment') ? `${ns}/${cur.name}` : undefined;
  if (e.type === 'DELETED') return curKey ? [curKey] : [];
  const prev = e.prev ? controllerRef(e.prev) : undefined;
  const keys: string[] = [];
  if (refersTo(prev, 'Deployment') && prev.uid !== cur?.uid) keys.push(`${ns}/${prev.name}`);
  if (curKey) keys.push(curKey);
  else if (!cur && (e.type === 'ADDED' || prev || !deepEqual(e.prev?.metadata.labels, e.object.metadata.labels))) keys.push(...selecting(ctx, ns, e.object.metadata.labels));
  return keys;
}

/** A Recreate rollout waits for old pods to be gone: a pod deletion may be the moment it can continue. */
function keysForPod(e: ChangeEvent, ctx: ReconcileContext): string[] {
  if (e.type !== 'DELETED') return [];
  const ref = controllerRef(e.object);
  if (!refersTo(ref, 'ReplicaSet')) return [];
  const rs = ctx.store.get('replicasets.apps', e.key.namespace, ref.name) as ReplicaSet | undefined;
  const owner = controllerRef(rs);
  if (!refersTo(owner, 'Deployment')) return [];
  const d = ctx.store.get(RESOURCE, e.key.namespace, owner.name) as Deployment | undefined;
  return d?.spec?.strategy?.type === 'Recreate' ? [`${e.key.namespace}/${owner.name}`] : [];
}

export const deployment = {
  name: 'deployment',
  watches: [RESOURCE, 'replicasets.apps', 'pods'],
  keysFor(e, ctx) {
    if (e.key.resource === 'pods') return keysForPod(e, ctx);
    if (e.key.resource === 'replicasets.apps') return keysForReplicaSet(e, ctx);
    return [`${e.key.namespace}/${e.key.name}`];
  },
  resync: (ctx) => ctx.store.list(RESOURCE).map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const d = ctx.store.get(RESOURCE, ns, name) as Deployment | undefined;
    if (!d) return;
    return syncDeployment(ctx, d);
  },
} satisfies Controller;
