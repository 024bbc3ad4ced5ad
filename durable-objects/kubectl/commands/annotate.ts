// `kubectl annotate TYPE NAME key=value key-`.
import { flag, type Command } from '../context.ts';
import { editMetadata } from './pairs.ts';

export const annotate: Command = {
  path: 'annotate',
  flags: [flag.bool('overwrite'), flag.str('selector', 'l'), flag.bool('all'), flag.bool('all-namespaces', 'A'), flag.str('resource-version'), flag.bool('list'), flag.str('dry-run'), flag.str('output', 'o'), flag.str('field-selector'), flag.strs('filename', 'f')],
  run(ctx, p) {
    const overwrite = p.bool('overwrite');
    return editMetadata(ctx, p, {
      field: 'annotations',
      pairType: 'annotation',
      manager: 'kubectl-annotate',
      check(current, pairs) {
        const both = pairs.remove.filter((r) => pairs.set.has(r));
        if (both.length) return `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`;
        if (overwrite) return undefined;
        const clashes = [...pairs.set].filter(([k, v]) => k !== 'kubernetes.io/change-cause' && k in current && current[k] !== v);
        return clashes.length ? `--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}` : undefined;
      },
      message: () => 'annotated',
    });
  },
};
