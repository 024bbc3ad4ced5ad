// Address management from the seed's networking story: Service IPs (10.96.0.0/12), NodePorts (30000-32767), node pod
// CIDRs (overlay, flannel-style 10.244.N.0/24) or pod IPs straight from the node subnet (flat, Azure-CNI-style).
import type { Store } from '../store/store.ts';
import type { Random } from '../apiserver/context.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
export const POD_NETWORK = '10.244.0.0/16';
export const NODE_SUBNET = '10.240.0.0/16';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return NaN;
  return ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/') as [string, string];
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}

function serviceIPsInUse(store: Store): Set<string> {
  const used = new Set<string>();
  for (const e of store.list('services')) {
    const spec = e.object.spec as { clusterIP?: string; clusterIPs?: string[] } | undefined;
    for (const ip of [spec?.clusterIP, ...(spec?.clusterIPs ?? [])]) if (ip && ip !== 'None') used.add(ip);
  }
  return used;
}

/** A free Service IP; random like the real allocator, so addresses look like a real cluster's. */
export function allocateServiceIP(store: Store, random: Random): string {
  const used = serviceIPsInUse(store);
  const first = ipToInt('10.96.0.1');
  const size = 2 ** 20 - 2;
  const start = Math.floor(random.float() * size);
  for (let i = 0; i < size; i++) {
    const ip = intToIp(first + ((start + i) % size));
    if (!used.has(ip) && !ip.endsWith('.0') && !ip.endsWith('.255')) return ip;
  }
  throw new Error('service IP range exhausted');
}

export function serviceIPProblem(store: Store, ip: string, self?: string): string | undefined {
  if (Number.isNaN(ipToInt(ip))) return `must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`;
  if (!inCidr(ip, SERVICE_CIDR)) return `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
  if (ip !== self && serviceIPsInUse(store).has(ip)) return `failed to allocate IP ${ip}: provided IP is already allocated`;
  return undefined;
}

export function nodePortsInUse(store: Store, except?: { namespace: string; name: string }): Set<number> {
  const used = new Set<number>();
  for (const e of store.list('services')) {
    if (except && e.object.metadata.namespace === except.namespace && e.object.metadata.name === except.name) continue;
    for (const p of (e.object.spec as { ports?: Array<{ nodePort?: number }> } | undefined)?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

export function allocateNodePort(used: Set<number>, random: Random): number {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const start = Math.floor(random.float() * size);
  for (let i = 0; i < size; i++) {
    const port = NODE_PORT_MIN + ((start + i) % size);
    if (!used.has(port)) {
      used.add(port);
      return port;
    }
  }
  throw new Error('node port range exhausted');
}

/** The next free /24 of the pod network for a joining node (overlay mode). */
export function nextPodCIDR(store: Store): string {
  const used = new Set<number>();
  for (const e of store.list('nodes')) {
    const cidr = (e.object.spec as { podCIDR?: string } | undefined)?.podCIDR;
    if (cidr) used.add((ipToInt(cidr.split('/')[0]!) >>> 8) & 255);
  }
  for (let i = 0; i < 256; i++) if (!used.has(i)) return `10.244.${i}.0/24`;
  throw new Error('pod network exhausted: 256 nodes');
}

/** Node InternalIPs come from the node subnet: 10.240.0.10, .11, ... */
export function nextNodeIP(store: Store): string {
  const used = new Set<string>();
  for (const e of store.list('nodes')) {
    for (const a of (e.object.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses ?? []) used.add(a.address);
  }
  for (let i = 10; i < 250; i++) if (!used.has(`10.240.0.${i}`)) return `10.240.0.${i}`;
  throw new Error('node subnet exhausted');
}
