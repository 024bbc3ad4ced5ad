// NodePorts: two pods cannot bind the same host port (and protocol) on one node; 0.0.0.0 clashes with every address.
import { unschedulable, type FilterPlugin } from '../framework.ts';

export const nodePorts = {
  name: 'NodePorts',
  filter(cycle, node) {
    for (const hp of cycle.pod.hostPorts) if (node.portInUse(hp)) return unschedulable("node(s) didn't have free ports for the requested pod ports");
    return undefined;
  },
} satisfies FilterPlugin;
