// Resource amounts as the scheduler counts them: cpu in millicores, everything else in whole units, both rounded up
// (resource.Quantity's MilliValue and Value round up too), so "100m", "0.1", "1Gi", "129e6" and 123Mi compare exactly.
import { parseQuantity } from '../../registry/schemas/quantity.ts';

/** Rounds up, but forgives float noise: 0.1 * 1000 is 100.00000000000001, not a reason to ask for 101m. */
function ceilExact(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : Math.ceil(x);
}

/** The amount of `resource` in the scheduler's unit; an unparseable quantity (validation keeps them out) counts as 0. */
export function amount(resource: string, q: string | number | undefined): number {
  if (q === undefined || q === '') return 0;
  const p = parseQuantity(q);
  if (!p.ok) return 0;
  return ceilExact(resource === 'cpu' ? p.value * 1000 : p.value);
}

/** Resource names the scheduler accounts for: cpu, memory, ephemeral-storage and scalar ones (hugepages, extended). */
export function isScheduledResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-') || name.includes('/');
}
