// `kubectl rollout undo`: finds the previous (or --to-revision) ReplicaSet and JSON-patches its pod template and
// annotations onto the Deployment, as kubectl's DeploymentRollbacker does.
import { flag, type Command } from '../../context.ts';
import { fail, ServerError } from '../../errors.ts';
import { kindPrefix } from '../../resources.ts';
import { finish } from '../../targets.ts';
import { HASH_LABEL, REVISION, replicaSetsOf, revisionOf, templatesEqual, type Obj } from '../../workloads.ts';
import { deploymentsFor, ROLLOUT_FLAGS } from './common.ts';

/** Deployment annotations a rollback keeps from the Deployment rather than taking from the ReplicaSet. */
const KEEP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function pick(all: Obj[], name: string, toRevision: number): Obj {
  let latest: Obj | undefined;
  let latestRev = -1;
  let previous: Obj | undefined;
  let previousRev = -1;
  for (const rs of all) {
    const v = revisionOf(rs);
    if (toRevision > 0) {
      if (v === toRevision) return rs;
      continue;
    }
    if (latestRev < v) {
      previousRev = latestRev;
      previous = latest;
      latestRev = v;
      latest = rs;
    } else if (previousRev < v) {
      previousRev = v;
      previous = rs;
    }
  }
  if (toRevision > 0) throw fail(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw fail(`no rollout history found for deployment "${name}"`);
  return previous;
}

export const rolloutUndo: Command = {
  path: 'rollout undo',
  flags: [...ROLLOUT_FLAGS, flag.int('to-revision')],
  async run(ctx, p) {
    const toRevision = p.int('to-revision') ?? 0;
    if (toRevision < 0) throw fail(`unable to find specified revision ${toRevision} in history`);
    const { found, errors } = await deploymentsFor(ctx, p, 'rollout undo');
    for (const { s, obj } of found) {
      const name = obj.metadata.name!;
      const { newRS, oldRSs } = await replicaSetsOf(ctx, obj);
      const target = pick([...oldRSs, ...(newRS ? [newRS] : [])], name, toRevision);
      if (obj.spec?.paused) throw fail("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
      if (templatesEqual(target.spec?.template, obj.spec?.template)) {
        ctx.out(`${kindPrefix(s)}/${name} skipped rollback (current template already matches revision ${toRevision})\n`);
        continue;
      }
      const template = JSON.parse(JSON.stringify(target.spec?.template ?? {})) as Obj;
      if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) if (KEEP.has(k)) annotations[k] = v;
      for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!KEEP.has(k)) annotations[k] = v as string;
      const patch = [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ];
      try {
        await ctx.client.patch(s, obj.metadata.namespace, name, 'json', patch, 'kubectl-rollout');
        ctx.out(`${kindPrefix(s)}/${name} rolled back\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(`error: failed restoring revision ${toRevision}: ${e.status.message ?? ''}`);
      }
    }
    return finish(ctx, errors);
  },
};
