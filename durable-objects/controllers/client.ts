// How controllers write: through the same registry code as the API (uids, generation, status rules, admission), but
// trusted (no schema validation or field tracking) because the control plane builds well-formed objects.
import type { ApiContext } from '../apiserver/context.ts';
import { createObject, deleteObject, readCurrent, updateObject, type DeleteOptions } from '../apiserver/rest.ts';
import { bindPod } from '../apiserver/bind.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import type { KubeObject } from '../types.ts';
import { ApiError } from '../apiserver/errors.ts';
import { thaw } from '../util.ts';

/**
 * Writes need a writable object: callers often build on objects read from the store, which are frozen and shared, so
 * the frozen parts are copied; the caller's own fresh parts are used (and may be changed) as they are, so never
 * pass one object to two writes.
 */
function own<T>(obj: T): T {
  return thaw(obj);
}

export class ObjectClient {
  constructor(private readonly api: ApiContext) {}

  strategy(apiVersion: string, kind: string): ResourceStrategy {
    const s = this.api.registry.forKind(apiVersion, kind);
    if (!s) throw new Error(`no kind ${apiVersion} ${kind}`);
    return s;
  }

  create<T extends KubeObject>(obj: T): T {
    const s = this.strategy(obj.apiVersion, obj.kind);
    return createObject(this.api, s, obj.metadata.namespace, own(obj), { trusted: true }).object as T;
  }

  /** Writes the whole object (spec and status); a stale resourceVersion is a Conflict, retried by the engine. */
  update<T extends KubeObject>(obj: T): T {
    const s = this.strategy(obj.apiVersion, obj.kind);
    return updateObject(this.api, s, obj.metadata.namespace, obj.metadata.name!, own(obj), { trusted: true }).object as T;
  }

  /** Writes only the status, as kubelets and controllers do through `/status`. */
  updateStatus<T extends KubeObject>(obj: T): T {
    const s = this.strategy(obj.apiVersion, obj.kind);
    return updateObject(this.api, s, obj.metadata.namespace, obj.metadata.name!, own(obj), { trusted: true, subresource: 'status' }).object as T;
  }

  /** Deletes; NotFound is not an error for a controller (someone else got there first). */
  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject | undefined {
    const s = this.strategy(apiVersion, kind);
    try {
      return deleteObject(this.api, s, namespace, name, opts).object;
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound') return undefined;
      throw e;
    }
  }

  /** A private mutable copy of the current object, or undefined. */
  read<T extends KubeObject>(apiVersion: string, kind: string, namespace: string | undefined, name: string): T | undefined {
    return readCurrent(this.api, this.strategy(apiVersion, kind), namespace ?? '', name) as T | undefined;
  }

  bind(namespace: string, name: string, node: string): KubeObject {
    return bindPod(this.api, this.strategy('v1', 'Pod'), namespace, name, node);
  }
}
