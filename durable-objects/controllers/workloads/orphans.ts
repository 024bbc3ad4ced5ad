// Pods without a controller, by namespace: what a ReplicaSet may adopt. Kept from the store's change stream so a
// reconcile looks at the few orphans instead of every pod of the namespace.
import type { Store } from '../../store/store.ts';
import type { ChangeEvent } from '../../store/types.ts';
import type { KubeObject } from '../../types.ts';
import { controllerRef } from './pods.ts';

class OrphanPods {
  private readonly byNamespace = new Map<string, Set<string>>();

  constructor(private readonly store: Store) {
    for (const e of store.list('pods')) this.note(e.object, true);
    store.subscribe((e) => this.onChange(e));
  }

  private note(o: KubeObject, present: boolean): void {
    const ns = o.metadata.namespace ?? '';
    const name = o.metadata.name ?? '';
    let set = this.byNamespace.get(ns);
    if (present && !controllerRef(o)) {
      if (!set) this.byNamespace.set(ns, (set = new Set()));
      set.add(name);
    } else if (set) {
      set.delete(name);
      if (!set.size) this.byNamespace.delete(ns);
    }
  }

  private onChange(e: ChangeEvent): void {
    if (e.key.resource === 'pods') this.note(e.object, e.type !== 'DELETED');
  }

  in(namespace: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const name of this.byNamespace.get(namespace) ?? []) {
      const p = this.store.get('pods', namespace, name);
      if (p) out.push(p);
    }
    return out;
  }
}

const perStore = new WeakMap<Store, OrphanPods>();

/** Current pods of a namespace that no controller owns. */
export function orphanPods(store: Store, namespace: string): KubeObject[] {
  let idx = perStore.get(store);
  if (!idx) perStore.set(store, (idx = new OrphanPods(store)));
  return idx.in(namespace);
}
