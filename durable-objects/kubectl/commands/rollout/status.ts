// `kubectl rollout status`: kubectl watches until the rollout finishes; the box answers once with the current state
// (as `--watch=false` does), so run it again to follow progress.
import { flag, type Command } from '../../context.ts';
import { CommandError, fail } from '../../errors.ts';
import { finish } from '../../targets.ts';
import { revisionOf, type Obj } from '../../workloads.ts';
import { deploymentsFor, ROLLOUT_FLAGS } from './common.ts';

/** DeploymentStatusViewer: the line kubectl prints for the Deployment's state, and whether it is done. */
export function deploymentStatus(d: Obj, revision = 0): { text: string; done: boolean } {
  const name = d.metadata.name;
  if (revision > 0 && revisionOf(d) !== revision) throw fail(`desired revision (${revision}) is different from the running revision (${revisionOf(d)})`);
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { text: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = (st.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw fail(`deployment "${name}" exceeded its progress deadline`);
  const want = d.spec?.replicas;
  const updated = st.updatedReplicas ?? 0;
  if (want !== undefined && updated < want) return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
  if ((st.replicas ?? 0) > updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((st.availableReplicas ?? 0) < updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { text: `deployment "${name}" successfully rolled out`, done: true };
}

export const rolloutStatus: Command = {
  path: 'rollout status',
  flags: [...ROLLOUT_FLAGS, flag.bool('watch', 'w'), flag.int('revision'), flag.str('timeout')],
  async run(ctx, p) {
    const revision = p.int('revision') ?? 0;
    if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
    const { found, errors } = await deploymentsFor(ctx, p, 'rollout status');
    for (const { obj } of found) ctx.out(`${deploymentStatus(obj, revision).text}\n`);
    if (!found.length && !errors.length) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
    return finish(ctx, errors);
  },
};
