// `kubectl logs POD|TYPE/NAME [-c CONTAINER]`: the pods/log subresource. `-f` cannot stream into the box, so it
// prints what the container has written so far.
import type { ParsedArgs } from '../argv.ts';
import { flag, type Command, type Ctx } from '../context.ts';
import { CommandError, fail, ServerError } from '../errors.ts';
import { resourcePath } from '../client.ts';
import { formatSelector } from '../describe/containers.ts';
import { resolveType } from '../resources.ts';
import type { KubeObject } from '../../types.ts';

type Pod = KubeObject & Record<string, any>;

const USAGE = `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
POD or TYPE/NAME is a required argument for the logs command
See 'kubectl logs -h' for help and examples`;

/** `5m`, `1h30m`, `10s` as Go's time.ParseDuration reads them, in whole seconds. */
function seconds(d: string): number {
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
  let total = 0;
  let consumed = '';
  for (const m of d.matchAll(re)) {
    total += Number(m[1]) * { h: 3600, m: 60, s: 1, ms: 0.001 }[m[2] as 'h'];
    consumed += m[0];
  }
  if (!consumed || consumed !== d) throw fail(`invalid argument "${d}" for "--since" flag: time: invalid duration "${d}"`);
  return Math.max(1, Math.ceil(total));
}

const readyCondition = (p: Pod) => (p.status?.conditions ?? []).find((c: Pod) => c.type === 'Ready' && c.status === 'True');
const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: Pod) => c.restartCount ?? 0));
const time = (t: string | undefined) => (t ? Date.parse(t) : 0);

/** podutils.ByLogging: scheduled, running, ready (longest), most restarted, then oldest pods first. */
function byLogging(a: Pod, b: Pod): number {
  if (!!a.spec?.nodeName !== !!b.spec?.nodeName) return a.spec?.nodeName ? -1 : 1;
  const phase = (p: Pod) => ({ Unknown: 1, Pending: 2 })[p.status?.phase as string] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ra = readyCondition(a);
  const rb = readyCondition(b);
  if (!!ra !== !!rb) return ra ? -1 : 1;
  if (ra && rb && time(ra.lastTransitionTime) !== time(rb.lastTransitionTime)) return time(ra.lastTransitionTime) - time(rb.lastTransitionTime);
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  return time(a.metadata.creationTimestamp) - time(b.metadata.creationTimestamp);
}

/** The pod a `TYPE/NAME` stands for: the first of a workload's pods, as kubectl picks it (logs says which). */
export async function podFor(ctx: Ctx, arg: string, announce = true): Promise<Pod> {
  const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
  const slash = arg.indexOf('/');
  if (slash < 0) {
    try {
      return (await ctx.client.get(podKind, ctx.namespace, arg)) as Pod;
    } catch (e) {
      if (e instanceof ServerError && e.code === 404) throw fail(`error from server (NotFound): pods "${arg}" not found in namespace "${ctx.namespace}"`);
      throw e;
    }
  }
  const { strategy: s } = resolveType(ctx.registry, arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (s.kind === 'Pod') return (await ctx.client.get(podKind, ctx.namespace, name)) as Pod;
  const owner = (await ctx.client.get(s, ctx.namespace, name)) as Pod;
  const selector = s.kind === 'Service' ? owner.spec?.selector && { matchLabels: owner.spec.selector } : owner.spec?.selector;
  if (!selector) throw fail(`cannot get the logs from ${s.kind.toLowerCase()}/${name}: selector for ${s.kind.toLowerCase()}/${name} not implemented`);
  const pods = (await ctx.client.list(podKind, ctx.namespace, { labelSelector: formatSelector(selector) })).items as Pod[];
  if (!pods.length) throw fail(`timed out waiting for the condition`);
  const sorted = [...pods].sort(byLogging);
  if (pods.length > 1 && announce) ctx.err(`Found ${pods.length} pods, using pod/${sorted[0]!.metadata.name}\n`);
  return sorted[0]!;
}

export const logs: Command = {
  path: 'logs',
  flags: [
    flag.str('container', 'c'),
    flag.bool('follow', 'f'),
    flag.bool('previous', 'p'),
    flag.int('tail'),
    flag.bool('timestamps'),
    flag.str('since'),
    flag.str('since-time'),
    flag.bool('all-containers'),
    flag.bool('prefix'),
    flag.str('selector', 'l'),
    flag.int('limit-bytes'),
    flag.str('pod-running-timeout'),
    flag.bool('ignore-errors'),
    flag.bool('insecure-skip-tls-verify-backend'),
  ],
  async run(ctx, p) {
    if (!p.args.length && p.str('selector')) {
      // `logs -l app=web`: every matching pod, one after the other.
      const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
      const pods = (await ctx.client.list(podKind, ctx.namespace, { labelSelector: p.str('selector') })).items as Pod[];
      if (!pods.length) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
      for (const pod of pods) await printLogs(ctx, p, pod);
      return 0;
    }
    if (!p.args.length) throw new CommandError(USAGE);
    if (p.args.length > 2) throw new CommandError(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
    await printLogs(ctx, p, await podFor(ctx, p.args[0]!));
    return 0;
  },
};

/** One pod's logs: the named container, every container, or the default one (announced when there are several). */
async function printLogs(ctx: Ctx, p: ParsedArgs, pod: Pod): Promise<void> {
  const containers: string[] = (pod.spec?.containers ?? []).map((c: Pod) => c.name);
  let names = [p.str('container') ?? p.args[1]].filter((x): x is string => !!x);
  if (p.bool('all-containers')) names = [...(pod.spec?.initContainers ?? []).map((c: Pod) => c.name), ...containers];
  if (!names.length) {
    const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    const pick = preferred && containers.includes(preferred) ? preferred : containers[0];
    if (containers.length > 1 && !preferred) ctx.err(`Defaulted container "${pick}" out of: ${containers.join(', ')}\n`);
    names = pick ? [pick] : [];
  }
  const tail = p.int('tail');
  for (const c of names) {
    const text = await ctx.client.text(resourcePath(ctx.registry.lookup('', 'v1', 'pods')!, pod.metadata.namespace, pod.metadata.name, 'log'), {
      container: c,
      previous: p.bool('previous') ? 'true' : undefined,
      timestamps: p.bool('timestamps') ? 'true' : undefined,
      tailLines: tail !== undefined && tail >= 0 ? String(tail) : undefined,
      sinceSeconds: p.str('since') ? String(seconds(p.str('since')!)) : undefined,
      limitBytes: p.int('limit-bytes') !== undefined ? String(p.int('limit-bytes')) : undefined,
    });
    const prefix = p.bool('prefix') ? `[pod/${pod.metadata.name}/${c}] ` : '';
    ctx.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
  }
}
