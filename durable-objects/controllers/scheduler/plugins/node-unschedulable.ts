// NodeUnschedulable: a cordoned node (spec.unschedulable) takes no new pods, unless the pod tolerates the cordon taint.
import { unresolvable, type FilterPlugin } from '../framework.ts';
import { toleratesTaint } from './taint-toleration.ts';

const CORDON = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

export const nodeUnschedulable = {
  name: 'NodeUnschedulable',
  filter(cycle, node) {
    if (!node.unschedulable) return undefined;
    if ((cycle.pod.pod.spec?.tolerations ?? []).some((t) => toleratesTaint(t, CORDON))) return undefined;
    return unresolvable('node(s) were unschedulable');
  },
} satisfies FilterPlugin;
