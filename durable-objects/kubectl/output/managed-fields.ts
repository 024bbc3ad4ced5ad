// What kubectl shows by default (and the web inspector too): an object without metadata.managedFields.
import type { KubeObject } from '../../types.ts';

export function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}
