// `kubectl version`: the box's client version and the server's /version.
import { flag, type Command } from '../context.ts';
import { fail } from '../errors.ts';
import { toJson } from '../output/json.ts';
import { toYaml } from '../output/yaml.ts';

const CLIENT = { major: '1', minor: '32', gitVersion: 'v1.32.0', gitCommit: 'kube-sandbox', gitTreeState: 'clean', buildDate: '2026-11-01T00:00:00Z', goVersion: 'go1.23.0', compiler: 'gc', platform: 'js/wasm' };
const KUSTOMIZE = 'v5.5.0';

export const version: Command = {
  path: 'version',
  flags: [flag.bool('client'), flag.str('output', 'o')],
  async run(ctx, p) {
    const out = p.str('output');
    if (out !== undefined && out !== 'json' && out !== 'yaml') throw fail(`--output must be 'yaml' or 'json'`);
    const server = p.bool('client') ? undefined : await ctx.client.request<Record<string, string>>('GET', '/version');
    if (out) {
      const doc: Record<string, unknown> = { clientVersion: CLIENT, kustomizeVersion: KUSTOMIZE };
      if (server) doc.serverVersion = server;
      ctx.out(out === 'json' ? toJson(doc) : toYaml(doc));
      return 0;
    }
    ctx.out(`Client Version: ${CLIENT.gitVersion}\nKustomize Version: ${KUSTOMIZE}\n`);
    if (server) ctx.out(`Server Version: ${server.gitVersion}\n`);
    return 0;
  },
};
