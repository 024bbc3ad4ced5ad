// Claiming dependents (upstream's ControllerRefManager): keep what we own and still select, adopt selected orphans,
// release owned objects whose labels no longer match. Objects another controller owns are never touched.
import type { ReconcileContext } from '../types.ts';
import type { KubeObject } from '../../types.ts';
import { ApiError } from '../../apiserver/errors.ts';
import { controllerRef, ownerRefTo } from './pods.ts';

function rewrite<T extends KubeObject>(ctx: ReconcileContext, o: T, edit: (copy: T) => void): T | undefined {
  const copy = ctx.client.read<T>(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name!);
  if (!copy || copy.metadata.uid !== o.metadata.uid) return undefined;
  edit(copy);
  try {
    return ctx.client.update(copy);
  } catch (e) {
    if (e instanceof ApiError && e.reason === 'NotFound') return undefined;
    throw e;
  }
}

/**
 * Returns the candidates the owner controls after adopting and releasing. `candidates` holds what the owner already
 * controls plus orphans worth a look; `selects` is the owner's selector over the candidate's labels.
 */
export function claim<T extends KubeObject>(ctx: ReconcileContext, owner: KubeObject, candidates: Iterable<T>, selects: (o: T) => boolean): T[] {
  const uid = owner.metadata.uid!;
  const ownerGoing = !!owner.metadata.deletionTimestamp;
  const out: T[] = [];
  for (const o of candidates) {
    const ref = controllerRef(o);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (selects(o)) {
        out.push(o);
        continue;
      }
      if (ownerGoing) continue;
      rewrite(ctx, o, (c) => {
        const refs = (c.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (refs.length) c.metadata.ownerReferences = refs;
        else delete c.metadata.ownerReferences;
      });
      continue;
    }
    if (ownerGoing || o.metadata.deletionTimestamp || !selects(o)) continue;
    if (o.metadata.namespace !== owner.metadata.namespace) continue;
    const adopted = rewrite(ctx, o, (c) => {
      if (controllerRef(c)) return;
      c.metadata.ownerReferences = [...(c.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid), ownerRefTo(owner)];
    });
    if (adopted && controllerRef(adopted)?.uid === uid) out.push(adopted);
  }
  return out;
}
