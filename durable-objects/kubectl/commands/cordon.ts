// `kubectl cordon` / `uncordon`: spec.unschedulable through a strategic merge patch; "already" when nothing changes.
import type { ParsedArgs } from '../argv.ts';
import { flag, type Command, type Ctx } from '../context.ts';
import { CommandError, ServerError } from '../errors.ts';
import { kindPrefix } from '../resources.ts';
import { finish, lookup, type Found } from '../targets.ts';

/** Marks nodes (un)schedulable, printing kubectl's lines; returns the nodes it handled. */
export async function cordonNodes(ctx: Ctx, p: ParsedArgs, desired: boolean, errors: string[], command = desired ? 'cordon' : 'uncordon'): Promise<Found[]> {
  const verb = desired ? 'cordon' : 'uncordon';
  if (!p.args.length && !p.has('selector')) throw new CommandError(`error: USAGE: ${command} NODE [flags]\nSee 'kubectl ${command} -h' for help and examples`);
  const { found, errors: missing } = await lookup(ctx, p, p.args.length ? ['nodes', ...p.args] : ['nodes'], { selector: true });
  errors.push(...missing);
  for (const { s, obj } of found) {
    const name = `${kindPrefix(s)}/${obj.metadata.name}`;
    if (!!obj.spec?.unschedulable === desired) {
      ctx.out(`${name} already ${verb}ed\n`);
      continue;
    }
    if (p.str('dry-run') !== 'client') {
      try {
        await ctx.client.patch(s, undefined, obj.metadata.name!, 'strategic', { spec: { unschedulable: desired ? true : null } }, 'kubectl-cordon');
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        ctx.err(`error: unable to ${verb} node "${obj.metadata.name}": ${e.status.message ?? ''}\n`);
        continue;
      }
    }
    ctx.out(`${name} ${verb}ed${p.str('dry-run') === 'client' ? ' (dry run)' : ''}\n`);
  }
  return found;
}

const FLAGS = [flag.str('selector', 'l'), flag.str('dry-run')];

export const cordon: Command = { path: 'cordon', flags: FLAGS, run: async (ctx, p) => finish(ctx, await collect(ctx, p, true)) };
export const uncordon: Command = { path: 'uncordon', flags: FLAGS, run: async (ctx, p) => finish(ctx, await collect(ctx, p, false)) };

async function collect(ctx: Ctx, p: ParsedArgs, desired: boolean): Promise<string[]> {
  const errors: string[] = [];
  await cordonNodes(ctx, p, desired, errors);
  return errors;
}
