// Secondary indexes over the store (client-go's indexers): pods by node, dependents by owner uid, objects by uid.
// Kept current from the store's change stream, so controllers never scan every object to find a few.
import type { Store } from '../store/store.ts';
import type { ChangeEvent, ObjectKey } from '../store/types.ts';
import type { KubeObject } from '../types.ts';

function id(k: ObjectKey): string {
  return `${k.resource}\u0000${k.namespace}\u0000${k.name}`;
}

function parse(s: string): ObjectKey {
  const [resource, namespace, name] = s.split('\u0000') as [string, string, string];
  return { resource, namespace, name };
}

export class Indexer {
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly uids = new Map<string, string>();

  constructor(private readonly store: Store) {
    for (const resource of store.resources()) for (const e of store.list(resource)) this.add({ resource, namespace: e.object.metadata.namespace ?? '', name: e.object.metadata.name ?? '' }, e.object);
    store.subscribe((e) => this.onChange(e));
  }

  private add(k: ObjectKey, o: KubeObject): void {
    const key = id(k);
    if (o.metadata.uid) this.uids.set(o.metadata.uid, key);
    for (const ref of o.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(key);
    }
    if (k.resource === 'pods') {
      const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
      if (node) {
        let set = this.podsByNode.get(node);
        if (!set) this.podsByNode.set(node, (set = new Set()));
        set.add(`${k.namespace}/${k.name}`);
      }
    }
  }

  private remove(k: ObjectKey, o: KubeObject): void {
    const key = id(k);
    if (o.metadata.uid && this.uids.get(o.metadata.uid) === key) this.uids.delete(o.metadata.uid);
    for (const ref of o.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(ref.uid);
      set?.delete(key);
      if (set && !set.size) this.dependents.delete(ref.uid);
    }
    if (k.resource === 'pods') {
      const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
      if (node) this.podsByNode.get(node)?.delete(`${k.namespace}/${k.name}`);
    }
  }

  private onChange(e: ChangeEvent): void {
    if (e.prev) this.remove(e.key, e.prev);
    if (e.type !== 'DELETED') this.add(e.key, e.object);
  }

  /** Pods bound to a node, current state. */
  podsOnNode(node: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of this.podsByNode.get(node) ?? []) {
      const i = k.indexOf('/');
      const p = this.store.get('pods', k.slice(0, i), k.slice(i + 1));
      if (p) out.push(p);
    }
    return out;
  }

  /** Objects of any kind whose ownerReferences name this uid. */
  dependentsOf(uid: string): Array<ObjectKey & { object: KubeObject }> {
    const out: Array<ObjectKey & { object: KubeObject }> = [];
    for (const s of this.dependents.get(uid) ?? []) {
      const k = parse(s);
      const o = this.store.get(k.resource, k.namespace, k.name);
      if (o) out.push({ ...k, object: o });
    }
    return out;
  }

  byUid(uid: string): (ObjectKey & { object: KubeObject }) | undefined {
    const s = this.uids.get(uid);
    if (!s) return undefined;
    const k = parse(s);
    const o = this.store.get(k.resource, k.namespace, k.name);
    return o && o.metadata.uid === uid ? { ...k, object: o } : undefined;
  }
}
