// `-f -`: the documents a command reads from its stdin (YAML or JSON, `---` separated, Lists unpacked), each with the
// kind it names resolved and the namespace it will go to.
import { parseYamlDocuments } from '../apiserver/decode.ts';
import { ApiError } from '../apiserver/errors.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import type { KubeObject } from '../types.ts';
import type { ParsedArgs } from './argv.ts';
import type { Ctx } from './context.ts';
import { CommandError, fail } from './errors.ts';

export interface Manifest {
  obj: KubeObject;
  strategy: ResourceStrategy;
  name: string;
  namespace: string | undefined;
}

/** The stdin text for `-f -`; any other file name cannot exist in this box. */
export function stdinOf(ctx: Ctx, p: ParsedArgs): string | undefined {
  if (p.str('kustomize')) throw fail('kustomize directories are not available in this command box: paste the rendered manifests and use -f -');
  const files = p.list('filename');
  if (!files.length) return undefined;
  for (const f of files) {
    if (f === '-') continue;
    if (/^https?:\/\//.test(f)) throw fail(`this command box cannot download "${f}": paste the manifest into the editor and use -f -`);
    throw fail(`the path "${f}" does not exist`);
  }
  return ctx.stdin ?? '';
}

/**
 * Parses and resolves every document; `verb` names the command in kubectl's "no objects passed to ..." error. An
 * unknown kind fails as kubectl's resource mapping fails (validation skips kinds the server's schemas do not name).
 */
export function readManifests(ctx: Ctx, text: string, verb: string): Manifest[] {
  let docs;
  try {
    docs = parseYamlDocuments(text);
  } catch (e) {
    throw fail(`error parsing STDIN: ${e instanceof ApiError ? e.message : String(e)}`);
  }
  const objs: KubeObject[] = [];
  for (const d of docs) {
    const v = d.value as (KubeObject & { items?: unknown[] }) | null | undefined;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw fail(`error validating "STDIN": the document at line ${d.line} is not an object`);
    if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) objs.push(...(v.items as KubeObject[]));
    else objs.push(v);
  }
  if (!objs.length) throw fail(`no objects passed to ${verb}`);
  return objs.map((obj) => {
    if (!obj.apiVersion || !obj.kind) {
      const missing = !obj.apiVersion ? 'apiVersion' : 'kind';
      throw fail(`error validating "STDIN": error validating data: ${missing} not set`);
    }
    const strategy = ctx.registry.forKind(obj.apiVersion, obj.kind);
    if (!strategy) throw new CommandError(`error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
    const name = obj.metadata?.name ?? '';
    let namespace: string | undefined;
    if (strategy.namespaced) {
      const own = obj.metadata?.namespace;
      if (own && ctx.explicitNamespace && own !== ctx.namespace)
        throw fail(`the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
      namespace = own || ctx.namespace;
    }
    return { obj, strategy, name, namespace };
  });
}
