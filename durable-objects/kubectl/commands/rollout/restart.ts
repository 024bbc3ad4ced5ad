// `kubectl rollout restart`: stamps kubectl.kubernetes.io/restartedAt on the pod template (a strategic merge patch),
// which makes the Deployment roll out new pods.
import type { Command } from '../../context.ts';
import { ServerError } from '../../errors.ts';
import { rfc3339 } from '../../print.ts';
import { kindPrefix, qualifiedResource } from '../../resources.ts';
import { finish } from '../../targets.ts';
import { deploymentsFor, ROLLOUT_FLAGS } from './common.ts';

export const rolloutRestart: Command = {
  path: 'rollout restart',
  flags: ROLLOUT_FLAGS,
  async run(ctx, p) {
    const { found, errors } = await deploymentsFor(ctx, p, 'rollout restart');
    if (!found.length && !errors.length) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
    for (const { s, obj } of found) {
      const name = obj.metadata.name!;
      if (obj.spec?.paused) {
        errors.push(`error: ${qualifiedResource(s)} "${name}" can't restart paused deployment (run rollout resume first)`);
        continue;
      }
      const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.now()) } } } } };
      try {
        await ctx.client.patch(s, obj.metadata.namespace, name, 'strategic', patch, 'kubectl-rollout');
        ctx.out(`${kindPrefix(s)}/${name} restarted\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(`error: failed to patch: ${e.status.message ?? ''}`);
      }
    }
    return finish(ctx, errors);
  },
};
