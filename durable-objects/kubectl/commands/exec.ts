// `kubectl exec POD -- COMMAND`: asks the API's pods/exec for the command. A real exec streams over a WebSocket,
// which the box cannot hold open, so it prints the API's answer (today: that exec is not simulated).
import { resourcePath } from '../client.ts';
import { flag, type Command } from '../context.ts';
import { CommandError, fail } from '../errors.ts';

export const exec: Command = {
  path: 'exec',
  flags: [flag.str('container', 'c'), flag.bool('stdin', 'i'), flag.bool('tty', 't'), flag.bool('quiet', 'q'), flag.str('pod-running-timeout'), flag.strs('filename', 'f')],
  async run(ctx, p) {
    const pod = p.args[0];
    const command = p.afterDash.length ? p.afterDash : p.args.slice(1);
    if (!pod || !command.length) throw new CommandError("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples");
    const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
    const name = pod.startsWith('pod/') ? pod.slice(4) : pod;
    const obj = await ctx.client.get(podKind, ctx.namespace, name);
    const container = p.str('container') ?? (obj.spec as { containers?: Array<{ name: string }> }).containers?.[0]?.name;
    const query = new URLSearchParams({ stdout: 'true', stderr: 'true', ...(container ? { container } : {}) });
    for (const c of command) query.append('command', c);
    await ctx.client.request('POST', `${resourcePath(podKind, ctx.namespace, name, 'exec')}?${query}`);
    throw fail('exec answered, but its output streams over a WebSocket that this command box cannot open');
  },
};
