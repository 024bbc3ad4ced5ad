// `kubectl label TYPE NAME key=value key-`.
import { flag, type Command } from '../context.ts';
import { editMetadata } from './pairs.ts';

export const label: Command = {
  path: 'label',
  flags: [flag.bool('overwrite'), flag.str('selector', 'l'), flag.bool('all'), flag.bool('all-namespaces', 'A'), flag.str('resource-version'), flag.bool('list'), flag.str('dry-run'), flag.str('output', 'o'), flag.str('field-selector'), flag.strs('filename', 'f')],
  run(ctx, p) {
    const overwrite = p.bool('overwrite');
    return editMetadata(ctx, p, {
      field: 'labels',
      pairType: 'label',
      manager: 'kubectl-label',
      check(current, pairs) {
        if (pairs.remove.some((r) => pairs.set.has(r))) return 'can not both modify and remove a label in the same command';
        if (overwrite) return undefined;
        const clashes = [...pairs.set].filter(([k, v]) => k in current && current[k] !== v);
        return clashes.length ? clashes.map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`).join('\n') : undefined;
      },
      message(before, after) {
        const a = JSON.stringify(before);
        const b = JSON.stringify(after);
        if (a === b) return 'not labeled';
        return !overwrite && b.length < a.length ? 'unlabeled' : 'labeled';
      },
    });
  },
};
