// NodeName: a pod that names its node (spec.nodeName) fits only there.
import { unresolvable, type FilterPlugin } from '../framework.ts';

export const nodeName = {
  name: 'NodeName',
  filter(cycle, node) {
    const wanted = cycle.pod.pod.spec?.nodeName;
    return wanted && wanted !== node.name ? unresolvable("node(s) didn't match the requested node name") : undefined;
  },
} satisfies FilterPlugin;
