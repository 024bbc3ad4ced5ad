// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] -- COMMAND [args...]`: the command runs in the simulated
// container through the same checks as pods/exec, without a WebSocket: the box prints what it wrote and how it ended.
// `-i` reads the editor's text as stdin; a terminal (`-t`) cannot be had here, as kubectl says when stdin is no tty.
import { runExec } from '../../apiserver/subresources/exec.ts';
import { ApiError } from '../../apiserver/errors.ts';
import { flag, type Command } from '../context.ts';
import { fail, ServerError, usageError } from '../errors.ts';
import { podFor } from './logs.ts';

type Pod = { metadata: { name?: string; namespace?: string; annotations?: Record<string, string> }; spec?: any; status?: { phase?: string } };

/** podcmd.FindOrDefaultContainerByName: the annotation's container, else the first (announced when there is a choice). */
function defaultContainer(pod: Pod, quiet: boolean, err: (t: string) => void): string {
  const names = (l: Array<{ name: string }> | undefined) => (l ?? []).map((c) => c.name);
  const containers = names(pod.spec?.containers);
  if (!containers.length) throw fail(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...containers, ...names(pod.spec?.ephemeralContainers).map((n) => `${n} (ephem)`), ...names(pod.spec?.initContainers).map((n) => `${n} (init)`)];
  if (preferred && [...containers, ...names(pod.spec?.initContainers), ...names(pod.spec?.ephemeralContainers)].includes(preferred)) return preferred;
  if (!quiet && all.length > 1) err(`Defaulted container "${containers[0]}" out of: ${all.join(', ')}\n`);
  return containers[0]!;
}

export const exec: Command = {
  path: 'exec',
  flags: [flag.str('container', 'c'), flag.bool('stdin', 'i'), flag.bool('tty', 't'), flag.bool('quiet', 'q'), flag.str('pod-running-timeout'), flag.strs('filename', 'f')],
  async run(ctx, p) {
    if (p.dashAt < 0 && p.args.length > 1) throw usageError('exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    const target = p.dashAt === 0 ? undefined : p.args[0];
    if (!target) throw usageError('exec', 'pod, type/name or --filename must be specified');
    const command = p.afterDash;
    if (!command.length) throw usageError('exec', 'you must specify at least one command for the container');
    const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
    const name = target.startsWith('pod/') || target.startsWith('pods/') ? target.slice(target.indexOf('/') + 1) : target;
    const pod = (name.includes('/') ? await podFor(ctx, target, false) : await ctx.client.get(podKind, ctx.namespace, name)) as Pod;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw fail(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const quiet = p.bool('quiet');
    const container = p.str('container') || defaultContainer(pod, quiet, ctx.err);
    const tty = p.bool('tty');
    // `-i` reads the editor's text; `-t` asks for a terminal this box does not have: kubectl's words, then where to get one
    const stdin = p.bool('stdin');
    if (tty && stdin && !quiet) {
      ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
      ctx.err(`(this box has no terminal: it runs the editor's text as input; for an interactive shell use your own kubectl with the kubeconfig from Share)\n`);
    }
    const q = new URLSearchParams({ container, stdout: 'true', stderr: 'true', ...(stdin ? { stdin: 'true' } : {}) });
    for (const c of command) q.append('command', c);
    let r;
    try {
      r = runExec(ctx.client.env, ctx.client.caller, pod.metadata.namespace ?? ctx.namespace, pod.metadata.name ?? '', q, stdin ? (ctx.stdin ?? '') : undefined);
    } catch (e) {
      if (e instanceof ApiError) throw new ServerError(e.toStatus());
      throw e;
    }
    ctx.out(r.stdout);
    ctx.err(r.stderr);
    const end = r.end;
    if (!end) {
      ctx.err('(the command is still running: it does not end by itself, and this box cannot wait for it; run it from a terminal with kubectl exec -it)\n');
      return 130;
    }
    if ('failure' in end) throw fail(`Internal error occurred: ${end.failure}`);
    if (end.code !== 0) {
      ctx.err(`command terminated with exit code ${end.code}\n`);
      return end.code;
    }
    return 0;
  },
};
