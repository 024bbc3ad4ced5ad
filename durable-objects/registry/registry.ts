// The registry of kinds: how a URL's group/version/resource, a kind, or a store resource finds its strategy.
import type { ResourceStrategy } from './strategy.ts';

export interface GroupVersion {
  group: string;
  version: string;
}

export class Registry {
  private readonly byGvr = new Map<string, ResourceStrategy>();
  private readonly byGvk = new Map<string, ResourceStrategy>();

  constructor(readonly strategies: readonly ResourceStrategy[]) {
    for (const s of strategies) {
      this.byGvr.set(`${s.group}/${s.version}/${s.resource}`, s);
      this.byGvk.set(`${s.group}/${s.version}/${s.kind}`, s);
    }
  }

  /** By URL parts (`apps`, `v1`, `deployments`). */
  lookup(group: string, version: string, resource: string): ResourceStrategy | undefined {
    return this.byGvr.get(`${group}/${version}/${resource}`);
  }

  /** By apiVersion and kind, as written in manifests (`apps/v1`, `Deployment`). */
  forKind(apiVersion: string, kind: string): ResourceStrategy | undefined {
    const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/', 2) as [string, string]) : ['', apiVersion];
    return this.byGvk.get(`${group}/${version}/${kind}`);
  }

  groupVersions(): GroupVersion[] {
    const seen = new Map<string, GroupVersion>();
    for (const s of this.strategies) seen.set(`${s.group}/${s.version}`, { group: s.group, version: s.version });
    return [...seen.values()];
  }

  inGroupVersion(group: string, version: string): ResourceStrategy[] {
    return this.strategies.filter((s) => s.group === group && s.version === version);
  }
}

/** The store's name for a kind's objects: `pods`, `deployments.apps`; kinds served in two groups share one. */
export function storageResource(s: ResourceStrategy): string {
  if (s.storage) return s.storage.resource;
  return s.group ? `${s.resource}.${s.group}` : s.resource;
}

export function apiVersionOf(s: { group: string; version: string }): string {
  return s.group ? `${s.group}/${s.version}` : s.version;
}
