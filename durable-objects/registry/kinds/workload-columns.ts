// Columns Deployments and ReplicaSets share in `-o wide`: containers, images, selector.
import type { TableColumn } from '../strategy.ts';
import type { KubeObject } from '../../types.ts';
import { formatLabelSelector, fromLabelSelectorSpec, type LabelSelectorSpec } from '../../apiserver/selectors.ts';

interface Workload extends KubeObject {
  spec?: { selector?: LabelSelectorSpec; template?: { spec?: { containers?: Array<{ name: string; image?: string }> } } };
}

export function wideWorkloadColumns<T extends Workload>(): TableColumn<T>[] {
  return [
    { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.', cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c) => c.name).join(',') },
    { name: 'Images', type: 'string', priority: 1, description: 'Images of each container in the template.', cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(',') },
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'The label selector of the pods it manages.',
      cell: (o) => {
        const sel = fromLabelSelectorSpec(o.spec?.selector);
        return sel && sel.length ? formatLabelSelector(sel) : '<none>';
      },
    },
  ];
}
