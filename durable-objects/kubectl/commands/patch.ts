// `kubectl patch TYPE NAME -p '...' [--type strategic|merge|json]`: the patch (JSON or YAML) sent as is.
import { parseYamlDocuments } from '../../apiserver/decode.ts';
import { deepEqual } from '../../util.ts';
import { flag, FILENAME_FLAGS, type Command } from '../context.ts';
import { errorText, fail, ServerError } from '../errors.ts';
import { objectName, parseOutput, printObjects } from '../output/printers.ts';
import { finish, lookup } from '../targets.ts';

export const patch: Command = {
  path: 'patch',
  flags: [...FILENAME_FLAGS, flag.str('patch', 'p'), flag.str('patch-file'), flag.str('type'), flag.str('subresource'), flag.str('output', 'o'), flag.str('dry-run'), flag.bool('local'), flag.str('field-manager'), flag.bool('record')],
  async run(ctx, p) {
    const text = p.str('patch');
    if (p.str('patch-file')) throw fail(`the path "${p.str('patch-file')}" does not exist`);
    if (text === undefined) throw fail('must specify --patch or --patch-file containing the contents of the patch');
    const type = (p.str('type') ?? 'strategic') as 'strategic' | 'merge' | 'json';
    if (!['strategic', 'merge', 'json'].includes(type)) throw fail(`--type must be one of [json merge strategic], not "${type}"`);
    let body: unknown;
    try {
      body = parseYamlDocuments(text)[0]?.value;
    } catch {
      throw fail(`unable to parse "${text}": yaml: invalid patch`);
    }
    if (body === undefined || body === null) throw fail(`unable to parse "${text}": empty patch`);
    const fmt = parseOutput(p.str('output'), ['json', 'yaml', 'name', 'jsonpath']);
    const { found, errors } = await lookup(ctx, p, p.args);
    for (const { s, obj } of found) {
      try {
        const after = await ctx.client.patch(s, obj.metadata.namespace, obj.metadata.name!, type, body, 'kubectl-patch', p.str('subresource'));
        const changed = !deepEqual(after, obj);
        if (fmt.kind === 'table') ctx.out(`${objectName(after)} patched${changed ? '' : ' (no change)'}\n`);
        else ctx.out(printObjects(fmt, [after], true));
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(errorText(e));
      }
    }
    return finish(ctx, errors);
  },
};
