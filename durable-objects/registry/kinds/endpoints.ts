// Endpoints (core/v1): the ready addresses behind a Service, kept by the endpoints controller.
import { defineKind } from '../strategy.ts';
import { EndpointsSchema, type Endpoints } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';

/** kubectl's ENDPOINTS column: the first three ip:port pairs, then "+ N more...". */
export function formatEndpoints(e: Endpoints): string {
  const all: string[] = [];
  for (const s of e.subsets ?? []) {
    const ports = s.ports?.length ? s.ports : [undefined];
    for (const a of s.addresses ?? []) for (const p of ports) all.push(p ? `${a.ip}:${p.port}` : a.ip);
  }
  if (!all.length) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

export default defineKind<Endpoints>({
  kind: 'Endpoints',
  resource: 'endpoints',
  singular: 'endpoints',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: ['ep'],
  definition: 'io.k8s.api.core.v1.Endpoints',
  schema: EndpointsSchema,
  allowCreateOnUpdate: true,
  printColumns: [nameColumn, { name: 'Endpoints', type: 'string', description: 'Ready addresses and ports.', cell: formatEndpoints }, ageColumn],
});
