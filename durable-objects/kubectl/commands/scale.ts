// `kubectl scale`: a merge patch of spec.replicas through the `/scale` subresource.
import { resourcePath } from '../client.ts';
import { flag, FILENAME_FLAGS, type Command } from '../context.ts';
import { CommandError, errorText, fail, ServerError } from '../errors.ts';
import { kindPrefix } from '../resources.ts';
import { finish, lookup } from '../targets.ts';

export const scale: Command = {
  path: 'scale',
  flags: [...FILENAME_FLAGS, flag.int('replicas'), flag.int('current-replicas'), flag.str('resource-version'), flag.str('selector', 'l'), flag.bool('all'), flag.str('dry-run'), flag.str('timeout'), flag.str('output', 'o')],
  async run(ctx, p) {
    const replicas = p.int('replicas');
    if (replicas === undefined) throw new CommandError('error: required flag(s) "replicas" not set');
    if (replicas < 0) throw fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (!p.args.length)
      throw new CommandError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    const { found, errors } = await lookup(ctx, p, p.args, { selector: true });
    const current = p.int('current-replicas');
    for (const { s, obj } of found) {
      const name = obj.metadata.name!;
      try {
        if (current !== undefined && current >= 0) {
          const sc = await ctx.client.request<{ spec?: { replicas?: number } }>('GET', resourcePath(s, obj.metadata.namespace, name, 'scale'));
          if ((sc.spec?.replicas ?? 0) !== current) throw fail(`Expected replicas to be ${current}, was ${sc.spec?.replicas ?? 0}`);
        }
        if (p.str('dry-run') === 'client') {
          ctx.out(`${kindPrefix(s)}/${name} scaled (dry run)\n`);
          continue;
        }
        await ctx.client.patch(s, obj.metadata.namespace, name, 'merge', { spec: { replicas } }, 'kubectl-scale', 'scale');
        ctx.out(`${kindPrefix(s)}/${name} scaled\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(errorText(e));
      }
    }
    return finish(ctx, errors);
  },
};

