// Discovery documents (legacy form): /version, /api, /apis and one APIResourceList per group-version.
import type { Registry } from '../registry/registry.ts';
import { ALL_VERBS } from '../registry/strategy.ts';
import { REVIEWS, REVIEW_VERBS } from '../registry/reviews/index.ts';

export const SERVER_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0+kube-sandbox' };

export function versionInfo(): Record<string, string> {
  return {
    ...SERVER_VERSION,
    gitCommit: 'kube-sandbox',
    gitTreeState: 'clean',
    buildDate: '2026-11-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

const ADDRESS = [{ clientCIDR: '0.0.0.0/0', serverAddress: 'kube-sandbox' }];

export function apiVersions(): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: ADDRESS };
}

/** Every served group-version: the registry's kinds, then the create-only reviews. */
function groupVersions(registry: Registry): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const gv of [...registry.groupVersions(), ...REVIEWS]) seen.set(`${gv.group}/${gv.version}`, { group: gv.group, version: gv.version });
  return [...seen.values()];
}

function groupOf(registry: Registry, group: string): Record<string, unknown> {
  const versions = groupVersions(registry)
    .filter((gv) => gv.group === group)
    .map((gv) => ({ groupVersion: `${group}/${gv.version}`, version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: Registry): Record<string, unknown> {
  const groups = [...new Set(groupVersions(registry).map((gv) => gv.group))].filter((g) => g !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupOf(registry, g)) };
}

export function apiGroup(registry: Registry, group: string): Record<string, unknown> | undefined {
  if (!groupVersions(registry).some((gv) => gv.group === group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupOf(registry, group) };
}

export function apiResourceList(registry: Registry, group: string, version: string): Record<string, unknown> | undefined {
  const kinds = registry.inGroupVersion(group, version);
  const reviews = REVIEWS.filter((r) => r.group === group && r.version === version);
  if (!kinds.length && !reviews.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of reviews) resources.push({ name: r.resource, singularName: r.singular, namespaced: false, kind: r.kind, verbs: REVIEW_VERBS });
  for (const s of kinds) {
    const r: Record<string, unknown> = {
      name: s.resource,
      singularName: s.singular,
      namespaced: s.namespaced,
      kind: s.kind,
      verbs: s.verbs ?? ALL_VERBS,
    };
    if (s.shortNames?.length) r.shortNames = s.shortNames;
    if (s.categories?.length) r.categories = s.categories;
    resources.push(r);
    if (s.hasStatus) resources.push({ name: `${s.resource}/status`, singularName: '', namespaced: s.namespaced, kind: s.kind, verbs: ['get', 'patch', 'update'] });
    if (s.scale)
      resources.push({ name: `${s.resource}/scale`, singularName: '', namespaced: s.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    for (const sub of s.subresources ?? []) {
      const e: Record<string, unknown> = { name: `${s.resource}/${sub.name}`, singularName: '', namespaced: s.namespaced, kind: sub.kind, verbs: sub.verbs };
      if (sub.group !== undefined) e.group = sub.group;
      if (sub.version !== undefined) e.version = sub.version;
      resources.push(e);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
