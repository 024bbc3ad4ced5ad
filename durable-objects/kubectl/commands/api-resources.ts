// `kubectl api-resources`: discovery (the preferred version of every group), sorted by group then name.
import { flag, type Command } from '../context.ts';
import { usageError } from '../errors.ts';
import { tableWriter } from '../print.ts';

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}

export const apiResources: Command = {
  path: 'api-resources',
  flags: [flag.bool('namespaced'), flag.str('api-group'), flag.str('output', 'o'), flag.bool('no-headers'), flag.str('sort-by'), flag.strs('verbs'), flag.strs('categories'), flag.bool('cached')],
  async run(ctx, p) {
    if (p.args.length) throw usageError('api-resources', `unexpected arguments: [${p.args.join(' ')}]`);
    const groups = await ctx.client.request<{ groups: Array<{ name: string; preferredVersion: { groupVersion: string } }> }>('GET', '/apis');
    const lists: Array<{ group: string; gv: string }> = [{ group: '', gv: 'v1' }, ...groups.groups.map((g) => ({ group: g.name, gv: g.preferredVersion.groupVersion }))];
    const rows: Array<{ group: string; gv: string; r: ApiResource }> = [];
    for (const l of lists) {
      const doc = await ctx.client.request<{ resources: ApiResource[] }>('GET', l.group ? `/apis/${l.gv}` : '/api/v1');
      for (const r of doc.resources) {
        if (r.name.includes('/') || !r.verbs?.length) continue;
        if (p.has('namespaced') && r.namespaced !== p.bool('namespaced')) continue;
        if (p.has('api-group') && p.str('api-group') !== l.group) continue;
        const verbs = p.list('verbs').flatMap((v) => v.split(','));
        if (verbs.some((v) => !r.verbs!.includes(v))) continue;
        const cats = p.list('categories').flatMap((v) => v.split(','));
        if (cats.some((c) => !(r.categories ?? []).includes(c))) continue;
        rows.push({ group: l.group, gv: l.gv, r });
      }
    }
    const by = p.str('sort-by');
    const key = (x: (typeof rows)[number]) => (by === 'name' ? x.r.name : by === 'kind' ? x.r.kind : x.group);
    rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.r.name < b.r.name ? -1 : a.r.name > b.r.name ? 1 : 0));
    const out = p.str('output');
    if (out === 'name') {
      ctx.out(rows.map((x) => `${x.r.name}${x.group ? `.${x.group}` : ''}\n`).join(''));
      return 0;
    }
    const w = tableWriter();
    const wide = out === 'wide';
    if (!p.bool('no-headers')) w.write(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`);
    for (const { gv, r } of rows) {
      const extra = wide ? `\t${(r.verbs ?? []).join(',')}\t${(r.categories ?? []).join(',')}` : '';
      w.write(`${r.name}\t${(r.shortNames ?? []).join(',')}\t${gv}\t${r.namespaced}\t${r.kind}${extra}\n`);
    }
    ctx.out(w.toString());
    return 0;
  },
};
