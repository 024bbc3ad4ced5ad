// The addresses behind a Service: core/v1 Endpoints (legacy) and discovery.k8s.io/v1 EndpointSlice.
import { z } from 'zod';
import { atomicList, enumOf, int32, named, opt, req, rules, setList, str, stringMap, valueStruct, type Rules } from './dsl.ts';
import { ObjectReferenceSchema, protocol } from './core-common.ts';
import type { Path } from './field-errors.ts';
import { IP_ERROR, isIP, isIPv4, isIPv6, specialIPProblem } from './net.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names.ts';
import { kindSchema, listSchema } from './objects.ts';

export const EndpointAddressSchema = named(
  'io.k8s.api.core.v1.EndpointAddress',
  'One backend address of a Service.',
  rules(
    z.object({
      ip: req(str(), 'IP of the backend (usually a pod IP).'),
      hostname: opt(str(), 'Host name of the backend, for headless Service DNS records.'),
      nodeName: opt(str(), 'Node the backend runs on.'),
      targetRef: opt(ObjectReferenceSchema, 'The object behind the address, usually a Pod.'),
    }),
    (a, r) => {
      if (!isIP(a.ip)) r.invalid(['ip'], a.ip, IP_ERROR);
      else {
        const special = specialIPProblem(a.ip);
        if (special) r.invalid(['ip'], a.ip, special);
      }
      if (a.hostname) r.invalidEach(['hostname'], a.hostname, isDNS1123Label(a.hostname));
      if (a.nodeName !== undefined) r.invalidEach(['nodeName'], a.nodeName, isDNS1123Subdomain(a.nodeName));
    },
  ),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const EndpointPortSchema = named(
  'io.k8s.api.core.v1.EndpointPort',
  'A port of the backends of a subset.',
  z.object({
    name: opt(str(), 'Name matching the Service port name; required with more than one port.'),
    port: req(int32(), 'Port number.'),
    protocol: opt(protocol(), 'TCP, UDP or SCTP. Defaults to TCP.'),
    appProtocol: opt(str(), 'Application protocol hint, e.g. http.'),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const EndpointSubsetSchema = named(
  'io.k8s.api.core.v1.EndpointSubset',
  'A group of addresses that all serve the same ports.',
  rules(
    z.object({
      addresses: opt(z.array(EndpointAddressSchema), 'Ready addresses that receive traffic.', atomicList),
      notReadyAddresses: opt(z.array(EndpointAddressSchema), 'Addresses that are not ready (yet) and get no traffic.', atomicList),
      ports: opt(z.array(EndpointPortSchema), 'Ports served by every address of the subset.', atomicList),
    }),
    (ss, r) => {
      if (!ss.addresses?.length && !ss.notReadyAddresses?.length) r.required([], 'must specify `addresses` or `notReadyAddresses`');
      const ports = ss.ports ?? [];
      ports.forEach((port, i) => {
        const p: Path = ['ports', i];
        if (ports.length > 1 && !port.name) r.required([...p, 'name']);
        else if (port.name) r.invalidEach([...p, 'name'], port.name, isDNS1123Label(port.name));
        r.invalidEach([...p, 'port'], port.port, isValidPortNum(port.port));
        if (port.appProtocol !== undefined) r.invalidEach([...p, 'appProtocol'], port.appProtocol, isQualifiedName(port.appProtocol));
      });
    },
  ),
);

const ENDPOINTS = { apiVersion: 'v1', kind: 'Endpoints', definition: 'io.k8s.api.core.v1.Endpoints' } as const;

export const EndpointsSchema = kindSchema(
  { ...ENDPOINTS, description: 'The addresses and ports behind a Service (legacy API; EndpointSlice replaces it). Named after its Service.', name: 'subdomain', namespaced: true },
  {
    subsets: opt(z.array(EndpointSubsetSchema), 'Groups of addresses, each with the ports they serve.', atomicList),
  },
);
export const EndpointsListSchema = listSchema(ENDPOINTS, EndpointsSchema);

// ---- discovery.k8s.io/v1 ----

export const EndpointConditionsSchema = named(
  'io.k8s.api.discovery.v1.EndpointConditions',
  'The current state of one endpoint.',
  z.object({
    ready: opt(z.boolean(), 'Whether the endpoint should receive traffic (serving and not terminating).'),
    serving: opt(z.boolean(), 'Whether the endpoint can serve, regardless of terminating.'),
    terminating: opt(z.boolean(), 'Whether the endpoint is shutting down.'),
  }),
);

export const ForZoneSchema = named('io.k8s.api.discovery.v1.ForZone', 'A zone that should use this endpoint.', z.object({ name: req(str(), 'Zone name.') }));

export const EndpointHintsSchema = named(
  'io.k8s.api.discovery.v1.EndpointHints',
  'Routing hints for topology-aware routing.',
  z.object({
    forZones: opt(z.array(ForZoneSchema), 'Zones whose clients should use this endpoint.', atomicList),
  }),
);

export const DiscoveryEndpointSchema = named(
  'io.k8s.api.discovery.v1.Endpoint',
  'One backend of a Service.',
  z.object({
    addresses: req(z.array(str()), 'Addresses of the backend (usually one pod IP), of the slice addressType.', setList),
    conditions: opt(EndpointConditionsSchema, 'Ready, serving and terminating flags.', valueStruct),
    hostname: opt(str(), 'Host name of the backend, for DNS records.'),
    targetRef: opt(ObjectReferenceSchema, 'The object behind the endpoint, usually a Pod.'),
    deprecatedTopology: opt(stringMap(), 'Deprecated topology labels; use nodeName and zone.'),
    nodeName: opt(str(), 'Node hosting the endpoint.'),
    zone: opt(str(), 'Zone the endpoint is in.'),
    hints: opt(EndpointHintsSchema, 'Topology-aware routing hints.'),
  }),
);

export const DiscoveryEndpointPortSchema = named(
  'io.k8s.api.discovery.v1.EndpointPort',
  'A port served by the endpoints of a slice.',
  z.object({
    name: opt(str(), 'Name matching the Service port name; empty for an unnamed port.'),
    protocol: opt(protocol(), 'TCP, UDP or SCTP. Defaults to TCP.'),
    port: opt(int32(), 'Port number; unset means all ports.'),
    appProtocol: opt(str(), 'Application protocol hint, e.g. http.'),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

type SliceShape = {
  addressType: string;
  endpoints: Array<z.infer<typeof DiscoveryEndpointSchema>>;
  ports?: Array<z.infer<typeof DiscoveryEndpointPortSchema>> | undefined;
};

function checkSlice(s: SliceShape, r: Rules): void {
  s.endpoints.forEach((ep, i) => {
    const p: Path = ['endpoints', i];
    if (ep.addresses.length === 0) r.required([...p, 'addresses'], 'must contain at least 1 address');
    else if (ep.addresses.length > 100) r.tooMany([...p, 'addresses'], ep.addresses.length, 100);
    ep.addresses.forEach((a, j) => {
      const ap: Path = [...p, 'addresses', j];
      if (s.addressType === 'IPv4' && !isIPv4(a)) r.invalid(ap, a, 'must be a valid IPv4 address');
      if (s.addressType === 'IPv6' && !isIPv6(a)) r.invalid(ap, a, 'must be a valid IPv6 address');
      if (s.addressType === 'FQDN') r.invalidEach(ap, a, isDNS1123Subdomain(a.replace(/\.$/, '')));
    });
    if (ep.nodeName !== undefined) r.invalidEach([...p, 'nodeName'], ep.nodeName, isDNS1123Subdomain(ep.nodeName));
    if (ep.hostname !== undefined) r.invalidEach([...p, 'hostname'], ep.hostname, isDNS1123Label(ep.hostname));
  });
  const names = new Set<string>();
  s.ports?.forEach((port, i) => {
    const p: Path = ['ports', i];
    const name = port.name ?? '';
    if (name) r.invalidEach([...p, 'name'], name, isDNS1123Label(name));
    if (names.has(name)) r.duplicate([...p, 'name'], name);
    names.add(name);
    if (port.appProtocol !== undefined) r.invalidEach([...p, 'appProtocol'], port.appProtocol, isQualifiedName(port.appProtocol));
  });
}

const SLICE = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', definition: 'io.k8s.api.discovery.v1.EndpointSlice' } as const;

export const EndpointSliceSchema = kindSchema(
  { ...SLICE, description: 'A chunk of the backends of a Service (at most 100 per slice); labelled kubernetes.io/service-name.', name: 'subdomain', namespaced: true },
  {
    addressType: req(enumOf(['FQDN', 'IPv4', 'IPv6']), 'Kind of address in this slice: IPv4, IPv6 or FQDN. Cannot change.'),
    endpoints: req(z.array(DiscoveryEndpointSchema), 'The backends.', atomicList),
    ports: opt(z.array(DiscoveryEndpointPortSchema), 'Ports every endpoint of the slice serves.', atomicList),
  },
  checkSlice,
);
export const EndpointSliceListSchema = listSchema(SLICE, EndpointSliceSchema);

export type EndpointAddress = z.infer<typeof EndpointAddressSchema>;
export type EndpointPort = z.infer<typeof EndpointPortSchema>;
export type EndpointSubset = z.infer<typeof EndpointSubsetSchema>;
export type Endpoints = z.infer<typeof EndpointsSchema>;
export type DiscoveryEndpoint = z.infer<typeof DiscoveryEndpointSchema>;
export type DiscoveryEndpointPort = z.infer<typeof DiscoveryEndpointPortSchema>;
export type EndpointSlice = z.infer<typeof EndpointSliceSchema>;
