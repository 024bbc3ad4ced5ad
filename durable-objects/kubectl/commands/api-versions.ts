// `kubectl api-versions`: every served group/version, sorted.
import type { Command } from '../context.ts';
import { usageError } from '../errors.ts';

export const apiVersions: Command = {
  path: 'api-versions',
  flags: [],
  async run(ctx, p) {
    if (p.args.length) throw usageError('api-versions', `unexpected arguments: [${p.args.join(' ')}]`);
    const core = await ctx.client.request<{ versions: string[] }>('GET', '/api');
    const groups = await ctx.client.request<{ groups: Array<{ versions: Array<{ groupVersion: string }> }> }>('GET', '/apis');
    const all = [...core.versions, ...groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))].sort();
    ctx.out(all.map((v) => `${v}\n`).join(''));
    return 0;
  },
};
