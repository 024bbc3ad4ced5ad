// Server-side printing: objects to meta.k8s.io/v1 Tables, the columns `kubectl get` shows.
import type { ResourceStrategy, TableColumn } from '../registry/strategy.ts';
import type { KubeObject } from '../types.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Kubernetes' human duration: 45s, 3m20s, 5h10m, 3d4h, 400d, 3y20d. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (d < 365 * 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

/** AGE of an RFC 3339 timestamp relative to now (`<unknown>` when absent, as kubectl prints). */
export function age(ts: string | undefined, now: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

export const nameColumn: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  cell: (o) => o.metadata.name ?? '',
};

export const ageColumn: TableColumn = {
  name: 'Age',
  type: 'string',
  description: 'How long ago the object was created.',
  cell: (o, now) => age(o.metadata.creationTimestamp, now),
};

function rowObject(obj: KubeObject, include: IncludeObject): Record<string, unknown> | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj as Record<string, unknown>;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export interface TableOptions {
  include: IncludeObject;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** Watch events after the first leave the column definitions out. */
  omitColumns?: boolean;
}

export function toTable(s: ResourceStrategy, objects: KubeObject[], now: number, o: TableOptions): Record<string, unknown> {
  const cols = s.printColumns.length ? s.printColumns : [nameColumn, ageColumn];
  const metadata: Record<string, unknown> = {};
  if (o.resourceVersion !== undefined) metadata.resourceVersion = o.resourceVersion;
  if (o.continue) metadata.continue = o.continue;
  if (o.remainingItemCount !== undefined) metadata.remainingItemCount = o.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: o.omitColumns
      ? []
      : cols.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority ?? 0 })),
    rows: objects.map((obj) => {
      const row: Record<string, unknown> = { cells: cols.map((c) => c.cell(obj as never, now)) };
      const ro = rowObject(obj, o.include);
      if (ro) row.object = ro;
      return row;
    }),
  };
}
