// Finding (or creating) the ReplicaSet for the Deployment's current template and keeping revisions in step: a rollback
// puts an old template back, so its old ReplicaSet becomes the new one again with the next revision number.
import type { Deployment, ReplicaSet } from '../../registry/schemas/index.ts';
import type { KubeObject } from '../../types.ts';
import { ApiError } from '../../apiserver/errors.ts';
import { clone } from '../../util.ts';
import { templateHash } from './hash.ts';
import { POD_TEMPLATE_HASH, controllerRef, ownerRefTo } from './pods.ts';
import { REVISION, REVISION_HISTORY, NOT_COPIED, equalIgnoreHash, findNewReplicaSet, maxRevision } from './rs-util.ts';
import { newRSReplicas } from './deploy-math.ts';
import { getCondition, newCondition, setCondition, REASONS } from './conditions.ts';
import { Halt, event, fresh, hasProgressDeadline, refresh, setReplicaAnnotations, updateReplicaSet, writeStatus, type Rollout } from './rollout.ts';

const REVISION_HISTORY_MAX_CHARS = 2000;

/** Copies the Deployment's annotations (change-cause among them) and raises the revision; true when anything changed. */
function setNewRSAnnotations(d: Deployment, rs: ReplicaSet, revision: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const old = a[REVISION];
  const oldInt = old === undefined ? 0 : Number(old);
  if (!Number.isInteger(oldInt)) return changed;
  if (oldInt < revision) {
    a[REVISION] = String(revision);
    changed = true;
    // A ReplicaSet that comes back (rollback) remembers the revisions it had before.
    if (old !== undefined) {
      const history = a[REVISION_HISTORY] ? a[REVISION_HISTORY].split(',') : [];
      history.push(old);
      while (history.join(',').length > REVISION_HISTORY_MAX_CHARS && history.length > 1) history.shift();
      a[REVISION_HISTORY] = history.join(',');
    }
  }
  return changed;
}

function setDeploymentRevision(d: Deployment, revision: string | undefined): boolean {
  if (revision === undefined) return false;
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION] === revision) return false;
  a[REVISION] = revision;
  return true;
}

function syncExisting(r: Rollout, existing: ReplicaSet, revision: number): ReplicaSet {
  const probe = clone(existing);
  const annotationsChanged = setNewRSAnnotations(r.d, probe, revision);
  const minReady = r.d.spec?.minReadySeconds ?? 0;
  let rs = existing;
  if (annotationsChanged || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
    rs = updateReplicaSet(r, existing, (c) => {
      setNewRSAnnotations(r.d, c, revision);
      if (minReady) c.spec!.minReadySeconds = minReady;
      else delete c.spec!.minReadySeconds;
    });
  }
  let needsWrite = setDeploymentRevision(r.d, rs.metadata.annotations?.[REVISION]);
  if (hasProgressDeadline(r.d) && !getCondition(r.d.status, 'Progressing')) {
    setCondition((r.d.status ??= {}), newCondition('Progressing', 'True', REASONS.foundNewRS, `Found new replica set "${rs.metadata.name}"`, r.now));
    needsWrite = true;
  }
  if (needsWrite) writeStatus(r);
  return rs;
}

function build(r: Rollout, oldRSs: ReplicaSet[], revision: number): ReplicaSet {
  const d = r.d;
  const hash = templateHash(d.spec!.template, d.status?.collisionCount);
  const template = clone(d.spec!.template);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = clone(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const spec: NonNullable<ReplicaSet['spec']> = { replicas: 0, selector, template };
  if (d.spec!.minReadySeconds) spec.minReadySeconds = d.spec!.minReadySeconds;
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [ownerRefTo(d as KubeObject)] },
    spec,
  } as ReplicaSet;
  spec.replicas = newRSReplicas(d, [...oldRSs, rs], rs);
  setNewRSAnnotations(d, rs, revision);
  setReplicaAnnotations(r, rs);
  return rs;
}

function create(r: Rollout, oldRSs: ReplicaSet[], revision: number): ReplicaSet {
  const rs = build(r, oldRSs, revision);
  const name = rs.metadata.name!;
  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = r.ctx.client.create(rs as KubeObject) as ReplicaSet;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason === 'AlreadyExists') {
      const found = r.ctx.store.get('replicasets.apps', rs.metadata.namespace ?? '', name) as ReplicaSet | undefined;
      if (!found || controllerRef(found)?.uid !== r.d.metadata.uid || !equalIgnoreHash(r.d.spec?.template, found.spec?.template)) {
        // Another template already has this name: a different collision count gives a different hash next time.
        const status = (r.d.status ??= {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        writeStatus(r);
        throw new Halt();
      }
      created = found;
      alreadyExisted = true;
    } else {
      const msg = `Failed to create new replica set "${name}": ${e.message}`;
      if (hasProgressDeadline(r.d)) {
        setCondition((r.d.status ??= {}), newCondition('Progressing', 'False', REASONS.failedRSCreate, msg, r.now));
        writeStatus(r);
      }
      event(r, 'Warning', REASONS.failedRSCreate, msg);
      throw e;
    }
  }
  const size = created.spec?.replicas ?? 0;
  if (!alreadyExisted && size > 0) event(r, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${size}`);
  let needsWrite = setDeploymentRevision(r.d, String(revision));
  if (!alreadyExisted && hasProgressDeadline(r.d)) {
    setCondition((r.d.status ??= {}), newCondition('Progressing', 'True', REASONS.newRSCreated, `Created new replica set "${name}"`, r.now));
    needsWrite = true;
  }
  if (needsWrite) writeStatus(r);
  return created;
}

export interface Sets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** The new ReplicaSet (created when asked and missing) and all others; syncs revision annotations on the way. */
export function replicaSetsOf(r: Rollout, rsList: readonly ReplicaSet[], createIfMissing: boolean): Sets {
  const current = refresh(r, rsList);
  const found = findNewReplicaSet(r.d, current);
  const oldRSs = current.filter((rs) => rs !== found);
  const revision = maxRevision(oldRSs) + 1;
  if (found) return { newRS: fresh(r, syncExisting(r, found, revision)), oldRSs };
  if (!createIfMissing) return { newRS: undefined, oldRSs };
  return { newRS: create(r, oldRSs, revision), oldRSs };
}
