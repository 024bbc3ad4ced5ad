// `kubectl describe`: one text block per object, separated by blank lines; a name that matches nothing falls back to
// every object whose name starts with it, as kubectl does.
import { flag, SELECTOR_FLAGS, type Command } from '../context.ts';
import { describerFor } from '../describe/index.ts';
import { CommandError, errorText, ServerError } from '../errors.ts';
import { parseTargets } from '../resources.ts';

export const describe: Command = {
  path: 'describe',
  flags: [...SELECTOR_FLAGS, flag.bool('show-events'), flag.int('chunk-size')],
  async run(ctx, p) {
    if (!p.args.length) throw new CommandError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    const { targets, warnings } = parseTargets(ctx.registry, p.args, { allowEmptyNames: true });
    for (const w of warnings) ctx.err(`${w}\n`);
    const all = p.bool('all-namespaces');
    const texts: string[] = [];
    const errors: string[] = [];
    let found = 0;
    for (const t of targets) {
      const s = t.strategy;
      const describer = describerFor(s);
      let items: Array<{ namespace: string | undefined; name: string }>;
      if (t.names) items = t.names.map((name) => ({ namespace: s.namespaced ? ctx.namespace : undefined, name }));
      else {
        const list = await ctx.client.list(s, s.namespaced && !all ? ctx.namespace : undefined, { labelSelector: p.str('selector'), fieldSelector: p.str('field-selector') });
        items = list.items.map((o) => ({ namespace: o.metadata.namespace, name: o.metadata.name! }));
      }
      for (const item of items) {
        try {
          texts.push(await describer(ctx, s, item.namespace, item.name));
          found++;
        } catch (e) {
          if (!(e instanceof ServerError)) throw e;
          // `kubectl describe pods web` describes every pod whose name starts with "web" when none is called that.
          if (e.code === 404 && p.args.length === 2 && !p.args[0]!.includes('/') && t.names) {
            const list = await ctx.client.list(s, s.namespaced ? ctx.namespace : undefined);
            const matches = list.items.filter((o) => o.metadata.name!.startsWith(item.name));
            if (matches.length) {
              let out = '';
              for (const m of matches) out += `${await describer(ctx, s, m.metadata.namespace, m.metadata.name!)}\n`;
              ctx.out(out);
              return 0;
            }
          }
          const text = errorText(e);
          if (!errors.includes(text)) errors.push(text);
        }
      }
    }
    ctx.out(texts.join('\n\n'));
    if (!found && !errors.length) ctx.err(all ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    for (const e of errors) ctx.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};
