// ConfigMap (core/v1): plain configuration for pods.
import { defineKind } from '../strategy.ts';
import { ConfigMapSchema, type ConfigMap } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';
import type { FieldError } from '../../apiserver/errors.ts';
import { deepEqual } from '../../util.ts';

/** ConfigMaps and Secrets marked immutable keep their data forever. */
export function immutableData(obj: { immutable?: boolean | null; data?: unknown; binaryData?: unknown }, old: { immutable?: boolean | null; data?: unknown; binaryData?: unknown }): FieldError[] {
  if (!old.immutable) return [];
  const errs: FieldError[] = [];
  if (!obj.immutable) errs.push({ type: 'FieldValueForbidden', field: 'immutable', message: 'Forbidden: field is immutable when `immutable` is set' });
  if (!deepEqual(obj.data, old.data) || !deepEqual(obj.binaryData, old.binaryData))
    errs.push({ type: 'FieldValueForbidden', field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' });
  return errs;
}

export default defineKind<ConfigMap>({
  kind: 'ConfigMap',
  resource: 'configmaps',
  singular: 'configmap',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: ['cm'],
  definition: 'io.k8s.api.core.v1.ConfigMap',
  schema: ConfigMapSchema,
  validateUpdate: immutableData,
  printColumns: [
    nameColumn,
    { name: 'Data', type: 'integer', description: 'Number of keys.', cell: (c) => Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length },
    ageColumn,
  ],
});
