// Secret (core/v1): like a ConfigMap, base64 in `data`; `stringData` is a write-only convenience merged into it.
import { defineKind } from '../strategy.ts';
import { SecretSchema, type Secret } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';
import { immutableData } from './configmap.ts';

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function mergeStringData(s: Secret): void {
  if (!s.stringData) return;
  s.data = { ...(s.data ?? {}) };
  for (const [k, v] of Object.entries(s.stringData)) s.data[k] = base64(v);
  delete s.stringData;
}

export default defineKind<Secret>({
  kind: 'Secret',
  resource: 'secrets',
  singular: 'secret',
  group: '',
  version: 'v1',
  namespaced: true,
  definition: 'io.k8s.api.core.v1.Secret',
  schema: SecretSchema,
  defaults(s) {
    s.type ??= 'Opaque';
    mergeStringData(s);
  },
  validateUpdate: immutableData,
  fieldSelectors: { type: (s) => s.type ?? 'Opaque' },
  printColumns: [
    nameColumn,
    { name: 'Type', type: 'string', description: 'The kind of secret.', cell: (s) => s.type ?? 'Opaque' },
    { name: 'Data', type: 'integer', description: 'Number of keys.', cell: (s) => Object.keys(s.data ?? {}).length },
    ageColumn,
  ],
});
