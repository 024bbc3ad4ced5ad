// `kubectl create -f -` (each document POSTed) and the everyday generators: deployment, namespace, configmap,
// secret generic, serviceaccount; `--dry-run=client -o yaml` prints the generated object without creating it.
import type { KubeObject } from '../../types.ts';
import type { ParsedArgs } from '../argv.ts';
import { flag, FILENAME_FLAGS, type Command, type Ctx } from '../context.ts';
import type { Status } from '../../apiserver/errors.ts';
import { CommandError, fail, renderStatuses, ServerError, usageError, withSource } from '../errors.ts';
import { readManifests, stdinOf } from '../manifests.ts';
import { objectName, parseOutput, printObjects } from '../output/printers.ts';

type Generator = (name: string, p: ParsedArgs) => KubeObject;

function literalPairs(p: ParsedArgs): Record<string, string> {
  if (p.list('from-file').length || p.list('from-env-file').length) throw fail('this command box has no files: use --from-literal=key=value');
  const out: Record<string, string> = {};
  for (const l of p.list('from-literal')) {
    const eq = l.indexOf('=');
    if (eq <= 0) throw fail(`invalid literal source ${l}, expected key=value`);
    out[l.slice(0, eq)] = l.slice(eq + 1);
  }
  return out;
}

/** Container names kubectl derives from images: last path part, without tag or digest, unique. */
function containerNames(images: string[]): string[] {
  const seen = new Map<string, number>();
  return images.map((img) => {
    let name = img.split('/').pop()!.split(':')[0]!.split('@')[0]!.replace(/_/g, '-');
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n) name = `${name}-${n}`;
    return name;
  });
}

const GENERATORS: Record<string, Generator> = {
  deployment(name, p) {
    const images = p.list('image');
    if (!images.length) throw new CommandError(`error: required flag(s) "image" not set`);
    const labels = { app: name };
    const names = containerNames(images);
    const port = p.int('port');
    const containers = images.map((image, i) => ({
      image,
      name: names[i],
      ...(port !== undefined && port >= 0 && images.length === 1 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { creationTimestamp: null, labels, name },
      spec: { replicas: p.int('replicas') ?? 1, selector: { matchLabels: labels }, strategy: {}, template: { metadata: { creationTimestamp: null, labels }, spec: { containers } } },
      status: {},
    } as unknown as KubeObject;
  },
  namespace: (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name }, spec: {}, status: {} }) as unknown as KubeObject,
  configmap: (name, p) => ({ apiVersion: 'v1', data: literalPairs(p), kind: 'ConfigMap', metadata: { creationTimestamp: null, name } }) as unknown as KubeObject,
  serviceaccount: (name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { creationTimestamp: null, name } }) as unknown as KubeObject,
  'secret generic': (name, p) => {
    const data = Object.fromEntries(Object.entries(literalPairs(p)).map(([k, v]) => [k, btoa(String.fromCharCode(...new TextEncoder().encode(v)))]));
    return { apiVersion: 'v1', data, kind: 'Secret', metadata: { creationTimestamp: null, name }, type: p.str('type') ?? 'Opaque' } as unknown as KubeObject;
  },
};
const ALIASES: Record<string, string> = { deploy: 'deployment', ns: 'namespace', cm: 'configmap', sa: 'serviceaccount' };

/** What the server gets: no null timestamps or empty status the generators print for fidelity. */
function forServer(o: KubeObject): KubeObject {
  return JSON.parse(JSON.stringify(o, (k, v) => (v === null || (k === 'status' && v && !Object.keys(v).length) ? undefined : v))) as KubeObject;
}

async function createOne(ctx: Ctx, obj: KubeObject, namespace: string | undefined, dryRun: string | undefined): Promise<KubeObject> {
  const s = ctx.registry.forKind(obj.apiVersion, obj.kind)!;
  return ctx.client.create(s, s.namespaced ? namespace : undefined, forServer(obj), dryRun === 'server' ? { dryRun: 'All' } : undefined);
}

async function fromGenerator(ctx: Ctx, p: ParsedArgs): Promise<number> {
  let kind = ALIASES[p.args[0]!] ?? p.args[0]!;
  let rest = p.args.slice(1);
  if (kind === 'secret') {
    if (rest[0] !== 'generic') throw fail(`only "kubectl create secret generic" is available in this command box`);
    kind = 'secret generic';
    rest = rest.slice(1);
  }
  const gen = GENERATORS[kind];
  if (!gen) throw fail(`"kubectl create ${p.args[0]}" is not available in this command box; use kubectl create -f - with a manifest`);
  if (kind === 'deployment' && !p.list('image').length) throw new CommandError('error: required flag(s) "image" not set');
  if (!rest[0]) throw usageError(`create ${kind}`, 'NAME is required');
  const obj = gen(rest[0], p);
  const dryRun = p.str('dry-run');
  const fmt = parseOutput(p.str('output'), ['json', 'yaml', 'name', 'jsonpath']);
  const s = ctx.registry.forKind(obj.apiVersion, obj.kind)!;
  if (dryRun === 'client') {
    if (s.namespaced && ctx.explicitNamespace) obj.metadata.namespace = ctx.namespace;
    ctx.out(fmt.kind === 'table' ? `${objectName(obj)} created (dry run)\n` : printObjects(fmt, [obj], true));
    return 0;
  }
  const made = await createOne(ctx, obj, ctx.namespace, dryRun);
  ctx.out(fmt.kind === 'table' ? `${objectName(made)} created${dryRun === 'server' ? ' (server dry run)' : ''}\n` : printObjects(fmt, [made], true));
  return 0;
}

export const create: Command = {
  path: 'create',
  flags: [
    ...FILENAME_FLAGS,
    flag.str('output', 'o'),
    flag.str('dry-run'),
    flag.bool('validate'),
    flag.bool('save-config'),
    flag.str('field-manager'),
    flag.strs('image'),
    flag.int('replicas', 'r'),
    flag.int('port'),
    flag.strs('from-literal'),
    flag.strs('from-file'),
    flag.strs('from-env-file'),
    flag.str('type'),
  ],
  async run(ctx, p) {
    const text = stdinOf(ctx, p);
    if (text === undefined) {
      if (!p.args.length) throw usageError('create', 'must specify one of -f and -k');
      return fromGenerator(ctx, p);
    }
    const errors: Status[] = [];
    for (const m of readManifests(ctx, text, 'create')) {
      try {
        const made = await createOne(ctx, m.obj, m.namespace, p.str('dry-run'));
        ctx.out(`${objectName(made)} created\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(withSource(e.status, 'creating'));
      }
    }
    for (const e of renderStatuses(errors)) ctx.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};
