// `kubectl set image TYPE/NAME container=image...`: a strategic merge patch of the named containers' images, on a
// pod template or on a pod itself. Nothing is printed when every image already matches, as with kubectl.
import { flag, FILENAME_FLAGS, type Command } from '../context.ts';
import { CommandError, fail, ServerError } from '../errors.ts';
import { kindPrefix } from '../resources.ts';
import { finish, lookup } from '../targets.ts';

type Any = Record<string, any>;

/** Where a kind keeps its pod spec (templates for workloads, the spec itself for a pod). */
function podSpecPath(kind: string): string[] | undefined {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'PodTemplate') return ['spec', 'template', 'spec'];
  return undefined;
}

function nest(path: string[], leaf: Any): Any {
  return path.reduceRight<Any>((acc, k) => ({ [k]: acc }), leaf);
}

export const setImage: Command = {
  path: 'set image',
  flags: [...FILENAME_FLAGS, flag.str('selector', 'l'), flag.bool('all'), flag.str('output', 'o'), flag.str('dry-run'), flag.bool('local'), flag.bool('record'), flag.str('field-manager')],
  async run(ctx, p) {
    const resources = p.args.filter((a) => !a.includes('='));
    const pairs = p.args.filter((a) => a.includes('='));
    if (!resources.length && !p.has('selector')) throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (!pairs.length) throw new CommandError('error: at least one image update is required');
    const images = new Map<string, string>();
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      images.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    if (images.has('*') && images.size > 1) throw fail('all containers are already specified by *, but saw more than one container_name=container_image pairs');
    const { found, errors } = await lookup(ctx, p, resources, { selector: true });
    for (const { s, obj } of found) {
      const path = podSpecPath(s.kind);
      if (!path) {
        errors.push(`error: ${kindPrefix(s)}/${obj.metadata.name} updating images is not supported for ${s.kind}s in this sandbox`);
        continue;
      }
      const spec = path.reduce<Any | undefined>((o, k) => o?.[k], obj) ?? {};
      const changes: Record<'containers' | 'initContainers', Any[]> = { containers: [], initContainers: [] };
      for (const [name, image] of images) {
        let matched = false;
        for (const list of ['initContainers', 'containers'] as const) {
          for (const c of (spec[list] ?? []) as Any[]) {
            if (name !== '*' && c.name !== name) continue;
            matched = true;
            if (c.image !== image) changes[list].push({ image, name: c.name });
          }
        }
        if (!matched) errors.push(`error: unable to find container named "${name}"`);
      }
      const leaf: Any = {};
      if (changes.containers.length) leaf.containers = changes.containers;
      if (changes.initContainers.length) leaf.initContainers = changes.initContainers;
      if (!Object.keys(leaf).length) continue;
      if (p.str('dry-run') === 'client') {
        ctx.out(`${kindPrefix(s)}/${obj.metadata.name} image updated (dry run)\n`);
        continue;
      }
      try {
        await ctx.client.patch(s, obj.metadata.namespace, obj.metadata.name!, 'strategic', nest(path, leaf), 'kubectl-set');
        ctx.out(`${kindPrefix(s)}/${obj.metadata.name} image updated\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(e.reason === 'Invalid' ? `error: failed to patch image update to pod template: ${e.status.message ?? ''}` : `error: failed to patch image update to pod template: ${e.status.message ?? ''}`);
      }
    }
    return finish(ctx, errors);
  },
};
