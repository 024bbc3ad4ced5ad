// The web view's command box: runs one everyday kubectl line against the cluster and answers with what a stock
// kubectl v1.32 would print. Every operation is an API request through handleApi, so rights, validation and
// admission apply exactly as they do for a real kubectl.
import type { ApiEnv, Caller } from '../apiserver/handler.ts';
import { GLOBAL_FLAGS, parseFlags, tokenize } from './argv.ts';
import { Client } from './client.ts';
import { COMMANDS, GROUPS, KUBECTL_COMMANDS } from './commands/index.ts';
import type { Command, Ctx } from './context.ts';
import { CommandError, errorText, ServerError } from './errors.ts';
import { suggest } from './suggest.ts';

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const HELP = `kubectl controls the Kubernetes cluster manager.

This command box runs one kubectl command at a time against this sandbox, for example:
  kubectl get pods -o wide
  kubectl describe deployment nginx
  kubectl apply -f -            (the manifest goes in the editor)
  kubectl scale deploy/nginx --replicas=3

Supported commands: ${[...new Set(Object.keys(COMMANDS).map((k) => k.split(' ')[0]!))].sort().join(', ')}
`;

/** Why a real kubectl command has no counterpart here. */
const NOT_HERE: Record<string, string> = {
  top: 'this sandbox serves no metrics API (metrics.k8s.io)',
  attach: 'it streams a live terminal, which this box cannot hold open',
  'port-forward': 'it tunnels a local port, which a web page cannot open',
  proxy: 'it serves a local port, which a web page cannot open',
  cp: 'it copies files through exec streams, which this box cannot hold open',
  debug: 'it attaches to a live terminal, which this box cannot hold open',
  edit: 'it opens an editor; use kubectl apply -f - or kubectl patch instead',
  config: 'the box is already connected to this sandbox and has no kubeconfig',
  'cluster-info': 'the box is already connected to this sandbox',
  completion: 'there is no shell to complete in',
  plugin: 'plugins are not supported',
  kustomize: 'there are no files to build from',
};

/** Splits off global flags written before the command (`kubectl -n kube-system get pods`). */
function commandStart(words: string[]): number {
  const valueFlags = new Set(GLOBAL_FLAGS.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-')) {
    if (valueFlags.has(words[i]!) && !words[i]!.includes('=')) i++;
    i++;
  }
  return i;
}

/** A group command without its subcommand prints its help, as cobra does, and fails. */
class GroupHelp extends Error {}

function findCommand(words: string[], at: number): { cmd: Command; rest: string[] } {
  const name = words[at]!;
  if (GROUPS[name]) {
    const sub = words[at + 1];
    const cmd = sub !== undefined ? COMMANDS[`${name} ${sub}`] : undefined;
    if (sub === undefined || sub.startsWith('-')) throw new GroupHelp(GROUPS[name]!(undefined));
    if (!cmd) throw new CommandError(GROUPS[name]!(sub));
    return { cmd, rest: [...words.slice(0, at), ...words.slice(at + 2)] };
  }
  const cmd = COMMANDS[name];
  if (cmd) return { cmd, rest: [...words.slice(0, at), ...words.slice(at + 1)] };
  if (KUBECTL_COMMANDS.includes(name)) throw new CommandError(`error: "kubectl ${name}" is not available in this command box: ${NOT_HERE[name] ?? 'this box runs the everyday commands only'}`);
  const near = suggest(name, KUBECTL_COMMANDS);
  const hint = near.length ? `\n\nDid you mean this?\n${near.map((n) => `\t${n}`).join('\n')}\n\n` : '';
  throw new CommandError(`Error: unknown command "${name}" for "kubectl"${hint}`);
}

/** Runs one command line; `stdin` stands in for `-f -`. Never throws: failures come back as stderr and exit code 1. */
export async function runKubectl(env: ApiEnv, caller: Caller, command: string, stdin?: string): Promise<KubectlResult> {
  let stdout = '';
  let stderr = '';
  try {
    const words = tokenize(command);
    if (words[0] === 'kubectl') words.shift();
    const at = commandStart(words);
    if (at >= words.length) return { exitCode: 0, stdout: HELP, stderr: '' };
    const { cmd, rest } = findCommand(words, at);
    const p = parseFlags(rest, cmd.flags, cmd.path);
    const ns = p.str('namespace');
    if (ns === '') throw new CommandError('error: a namespace must be specified with -n/--namespace');
    const ctx: Ctx = {
      client: new Client(env, caller, (w) => (stderr += `Warning: ${w}\n`)),
      registry: env.registry,
      namespace: ns ?? 'default',
      explicitNamespace: ns !== undefined,
      stdin,
      now: () => env.clock.now(),
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
    };
    const code = (await cmd.run(ctx, p)) ?? 0;
    return { exitCode: code, stdout, stderr };
  } catch (e) {
    if (e instanceof GroupHelp) return { exitCode: 1, stdout: `${e.message}\n`, stderr: '' };
    const text = errorText(e);
    if (!(e instanceof CommandError) && !(e instanceof ServerError)) {
      // Unexpected failures are bugs here, not user mistakes: keep them visible in the logs.
      console.error('kubectl command failed', command, e);
    }
    stderr += text.endsWith('\n') ? text : `${text}\n`;
    return { exitCode: e instanceof CommandError ? e.exitCode : 1, stdout, stderr };
  }
}
