// `kubectl rollout pause` and `resume`: a strategic merge patch of spec.paused.
import type { Command, Ctx } from '../../context.ts';
import type { ParsedArgs } from '../../argv.ts';
import { ServerError } from '../../errors.ts';
import { kindPrefix, qualifiedResource } from '../../resources.ts';
import { finish } from '../../targets.ts';
import { deploymentsFor, ROLLOUT_FLAGS } from './common.ts';

async function setPaused(ctx: Ctx, p: ParsedArgs, paused: boolean): Promise<number> {
  const verb = paused ? 'pause' : 'resume';
  const { found, errors } = await deploymentsFor(ctx, p, `rollout ${verb}`);
  if (!found.length && !errors.length) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
  for (const { s, obj } of found) {
    const name = obj.metadata.name!;
    if (!!obj.spec?.paused === paused) {
      errors.push(`error: ${qualifiedResource(s)} "${name}" ${paused ? 'is already paused' : 'is not paused'}`);
      continue;
    }
    try {
      await ctx.client.patch(s, obj.metadata.namespace, name, 'strategic', { spec: { paused: paused ? true : null } }, 'kubectl-rollout');
      ctx.out(`${kindPrefix(s)}/${name} ${paused ? 'paused' : 'resumed'}\n`);
    } catch (e) {
      if (!(e instanceof ServerError)) throw e;
      errors.push(`error: failed to patch: ${e.status.message ?? ''}`);
    }
  }
  return finish(ctx, errors);
}

export const rolloutPause: Command = { path: 'rollout pause', flags: ROLLOUT_FLAGS, run: (ctx, p) => setPaused(ctx, p, true) };
export const rolloutResume: Command = { path: 'rollout resume', flags: ROLLOUT_FLAGS, run: (ctx, p) => setPaused(ctx, p, false) };
