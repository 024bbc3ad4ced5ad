// EndpointSlice (discovery.k8s.io/v1): the scalable successor of Endpoints, one or more per Service.
import { defineKind } from '../strategy.ts';
import { EndpointSliceSchema, type EndpointSlice } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';

function slicePorts(s: EndpointSlice): string {
  const p = s.ports ?? [];
  if (!p.length) return '<unset>';
  return p.map((x) => (x.port === undefined || x.port === null ? '<unset>' : String(x.port))).join(',');
}

function sliceEndpoints(s: EndpointSlice): string {
  const addrs = (s.endpoints ?? []).flatMap((e) => e.addresses ?? []);
  if (!addrs.length) return '<unset>';
  return addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',');
}

export default defineKind<EndpointSlice>({
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  singular: 'endpointslice',
  group: 'discovery.k8s.io',
  version: 'v1',
  namespaced: true,
  definition: 'io.k8s.api.discovery.v1.EndpointSlice',
  schema: EndpointSliceSchema,
  printColumns: [
    nameColumn,
    { name: 'AddressType', type: 'string', description: 'IPv4, IPv6 or FQDN.', cell: (s) => s.addressType ?? '' },
    { name: 'Ports', type: 'string', description: 'Ports of the endpoints.', cell: slicePorts },
    { name: 'Endpoints', type: 'string', description: 'Addresses in the slice.', cell: sliceEndpoints },
    ageColumn,
  ],
});
