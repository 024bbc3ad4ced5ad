// Node IPAM at admission: a joining node gets an address and, in overlay mode, its pod CIDR.
import type { AdmissionPlugin } from '../context.ts';
import type { Node } from '../../registry/schemas/index.ts';
import { nextNodeIP, nextPodCIDR } from '../../network/ipam.ts';

export const nodeIPAM = {
  name: 'NodeIPAM',
  handles: (r) => r === 'nodes',
  admit(a, ctx) {
    if (a.operation !== 'create') return;
    const node = a.object as Node;
    const spec = (node.spec ??= {});
    if (ctx.config.network === 'overlay' && !spec.podCIDR) {
      spec.podCIDR = nextPodCIDR(ctx.store);
      spec.podCIDRs = [spec.podCIDR];
    }
    const status = (node.status ??= {});
    if (!status.addresses?.some((x) => x.type === 'InternalIP')) {
      status.addresses = [{ type: 'InternalIP', address: nextNodeIP(ctx.store) }, { type: 'Hostname', address: node.metadata.name ?? '' }, ...(status.addresses ?? [])];
    }
  },
} satisfies AdmissionPlugin;
