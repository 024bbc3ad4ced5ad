// Pod IPs as the CNI plugin hands them out, on network/ipam.ts's address plan: inside the node's pod CIDR (overlay)
// or from the shared node subnet (flat). The set of addresses in use is indexed once and then kept current from the
// change stream, so a node full of pods does not rescan every pod of the cluster per allocation.
import type { ClusterConfig } from '../../apiserver/context.ts';
import type { Store } from '../../store/store.ts';
import type { ChangeEvent } from '../../store/types.ts';
import type { Node } from '../../registry/schemas/index.ts';
import { intToIp, ipToInt } from '../../network/ipam.ts';
import type { KubeletState, NodeState } from './state.ts';

const FLAT_BASE = ipToInt('10.240.1.0');
const FLAT_SIZE = 250 * 256;

function podIPOf(o: unknown): string | undefined {
  return (o as { status?: { podIP?: string } } | undefined)?.status?.podIP || undefined;
}

function used(s: KubeletState, store: Store): Set<string> {
  if (!s.ips) {
    s.ips = new Set();
    for (const e of store.list('pods')) {
      const ip = podIPOf(e.object);
      if (ip) s.ips.add(ip);
    }
  }
  return s.ips;
}

/** Keeps the in-use set current; called for every pod change. */
export function trackPodIP(s: KubeletState, e: ChangeEvent): void {
  if (!s.ips) return;
  const before = podIPOf(e.prev);
  const after = e.type === 'DELETED' ? undefined : podIPOf(e.object);
  if (before === after) return;
  if (before) s.ips.delete(before);
  if (after) s.ips.add(after);
}

export function nodeInternalIP(node: Node): string {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

/** A free pod IP on this node, or undefined when its range is exhausted. */
export function allocatePodIP(s: KubeletState, store: Store, config: ClusterConfig, node: Node, ns: NodeState): string | undefined {
  const inUse = used(s, store);
  const cidr = config.network === 'overlay' ? node.spec?.podCIDR : undefined;
  if (cidr) {
    const base = ipToInt(cidr.split('/')[0]!);
    for (let k = 0; k < 253; k++) {
      const i = 2 + ((ns.ipCursor + k) % 253);
      const ip = intToIp(base + i);
      if (!inUse.has(ip)) {
        ns.ipCursor = i - 1;
        inUse.add(ip);
        return ip;
      }
    }
    return undefined;
  }
  // Flat: one shared range, so one shared cursor.
  const cursor = s.flatCursor;
  for (let k = 0; k < FLAT_SIZE; k++) {
    const i = 1 + ((cursor + k) % (FLAT_SIZE - 1));
    const ip = intToIp(FLAT_BASE + i);
    if (ip.endsWith('.0') || ip.endsWith('.255') || inUse.has(ip)) continue;
    s.flatCursor = i;
    inUse.add(ip);
    return ip;
  }
  return undefined;
}
