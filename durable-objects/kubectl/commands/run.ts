// `kubectl run NAME --image=...`: one pod, labelled run=NAME, the way kubectl's pod generator builds it. Attaching
// (-i, -t, --rm) needs a terminal and is refused.
import type { KubeObject } from '../../types.ts';
import { flag, type Command } from '../context.ts';
import { CommandError, fail, usageError } from '../errors.ts';
import { objectName, parseOutput, printObjects } from '../output/printers.ts';

export const run: Command = {
  path: 'run',
  flags: [
    flag.str('image'),
    flag.str('port'),
    flag.str('labels', 'l'),
    flag.strs('env'),
    flag.str('restart'),
    flag.bool('command'),
    flag.str('image-pull-policy'),
    flag.str('dry-run'),
    flag.str('output', 'o'),
    flag.bool('stdin', 'i'),
    flag.bool('tty', 't'),
    flag.bool('rm'),
    flag.bool('attach'),
    flag.bool('expose'),
    flag.str('serviceaccount'),
    flag.strs('annotations'),
    flag.str('overrides'),
    flag.bool('privileged'),
  ],
  async run(ctx, p) {
    const image = p.str('image');
    if (!image) throw new CommandError('error: required flag(s) "image" not set');
    const name = p.args[0];
    if (!name) throw usageError('run', 'NAME is required for run');
    if (p.bool('stdin') || p.bool('tty') || p.bool('attach') || p.bool('rm')) throw fail('attaching to a pod (-i, -t, --attach, --rm) needs a terminal, which this command box does not have');
    const restart = p.str('restart') ?? 'Always';
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError('run', `invalid restart policy: ${restart}`);
    const labels: Record<string, string> = {};
    if (p.str('labels')) for (const pair of p.str('labels')!.split(',')) labels[pair.split('=')[0]!] = pair.split('=').slice(1).join('=');
    else labels.run = name;
    const container: Record<string, unknown> = { image, name };
    const args = [...p.args.slice(1), ...p.afterDash];
    if (args.length) container[p.bool('command') ? 'command' : 'args'] = args;
    const env = p.list('env').map((e) => ({ name: e.split('=')[0]!, value: e.split('=').slice(1).join('=') }));
    if (env.length) container.env = env;
    if (p.str('image-pull-policy')) container.imagePullPolicy = p.str('image-pull-policy');
    if (p.str('port')) container.ports = [{ containerPort: Number(p.str('port')) }];
    container.resources = {};
    const annotations = Object.fromEntries(p.list('annotations').map((a) => [a.split('=')[0]!, a.split('=').slice(1).join('=')]));
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), creationTimestamp: null, labels, name },
      spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart, ...(p.str('serviceaccount') ? { serviceAccountName: p.str('serviceaccount') } : {}) },
      status: {},
    } as unknown as KubeObject;
    const fmt = parseOutput(p.str('output'), ['json', 'yaml', 'name', 'jsonpath']);
    if (p.str('dry-run') === 'client') {
      ctx.out(fmt.kind === 'table' ? `${objectName(pod)} created (dry run)\n` : printObjects(fmt, [pod], true));
      return 0;
    }
    const { creationTimestamp: _, ...metadata } = pod.metadata as Record<string, unknown>;
    const { status: __, ...rest } = pod as Record<string, unknown>;
    const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
    const made = await ctx.client.create(podKind, ctx.namespace, { ...rest, metadata }, { fieldManager: 'kubectl-run', ...(p.str('dry-run') === 'server' ? { dryRun: 'All' } : {}) });
    ctx.out(fmt.kind === 'table' ? `${objectName(made)} created${p.str('dry-run') === 'server' ? ' (server dry run)' : ''}\n` : printObjects(fmt, [made], true));
    return 0;
  },
};
