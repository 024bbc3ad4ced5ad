// Namespace and the configuration kinds: ConfigMap, Secret, ServiceAccount.
import { z } from 'zod';
import { atomicList, enumOf, mergeList, named, opt, req, rules, str, strings, stringMap, valueStruct, type Rules } from './dsl.ts';
import { conditionStatus, LocalObjectReferenceSchema, ObjectReferenceSchema } from './core-common.ts';
import { mapKey } from './field-errors.ts';
import { TimeSchema } from './meta.ts';
import { isConfigMapKey, isQualifiedName } from './names.ts';
import { kindSchema, listSchema } from './objects.ts';

/** ConfigMaps and Secrets may hold at most 1 MiB of data. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export const NamespaceConditionSchema = named(
  'io.k8s.api.core.v1.NamespaceCondition',
  'One aspect of namespace state, mostly about progress of its deletion.',
  z.object({
    type: req(str(), 'Condition type, e.g. NamespaceDeletionContentFailure.'),
    status: req(conditionStatus(), 'True, False or Unknown.'),
    lastTransitionTime: opt(TimeSchema, 'When status last changed.'),
    reason: opt(str(), 'CamelCase reason for the last transition.'),
    message: opt(str(), 'Human-readable details.'),
  }),
);

export const NamespaceSpecSchema = named(
  'io.k8s.api.core.v1.NamespaceSpec',
  'Desired state of a namespace.',
  rules(
    z.object({
      finalizers: opt(strings(), 'Finalizers that must finish before the namespace is removed; "kubernetes" deletes its contents.', atomicList),
    }),
    (spec, r) => {
      for (const f of spec.finalizers ?? []) {
        r.invalidEach(['finalizers'], f, isQualifiedName(f));
        if (!f.includes('/') && f !== 'kubernetes') r.invalid(['finalizers'], f, 'name is neither a standard finalizer name nor is it fully qualified');
      }
    },
  ),
);

export const NamespaceStatusSchema = named(
  'io.k8s.api.core.v1.NamespaceStatus',
  'Observed state of a namespace.',
  z.object({
    phase: opt(enumOf(['Active', 'Terminating']), 'Active, or Terminating while its contents are being deleted.'),
    conditions: opt(z.array(NamespaceConditionSchema), 'Current conditions.', mergeList('type')),
  }),
);

const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', definition: 'io.k8s.api.core.v1.Namespace' } as const;

export const NamespaceSchema = kindSchema(
  { ...NAMESPACE, description: 'A scope for names: most objects live in a namespace, and deleting it deletes them.', name: 'label', namespaced: false },
  {
    spec: opt(NamespaceSpecSchema, 'Finalizers of the namespace.', valueStruct),
    status: opt(NamespaceStatusSchema, 'Whether the namespace is active or terminating.', valueStruct),
  },
);
export const NamespaceListSchema = listSchema(NAMESPACE, NamespaceSchema);

/** Keys must be valid config keys; errors are reported on `data[key]`. */
function checkKeys(r: Rules, field: string, map: Record<string, string> | undefined): number {
  let size = 0;
  for (const [k, v] of Object.entries(map ?? {})) {
    r.invalidEach([field, mapKey(k)], k, isConfigMapKey(k));
    size += v.length;
  }
  return size;
}

const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap', definition: 'io.k8s.api.core.v1.ConfigMap' } as const;

export const ConfigMapSchema = kindSchema(
  { ...CONFIGMAP, description: 'Non-secret configuration as key/value pairs, for pods to read as environment variables or files.', name: 'subdomain', namespaced: true },
  {
    immutable: opt(z.boolean(), 'If true, data can no longer be changed (only the whole object deleted).'),
    data: opt(stringMap(), 'UTF-8 values by key. Keys may contain letters, digits, "-", "_" and ".".'),
    binaryData: opt(z.record(z.string(), z.string()), 'Binary values by key, base64-encoded. Keys must not repeat those of data.'),
  },
  (cm, r) => {
    let size = checkKeys(r, 'data', cm.data);
    size += checkKeys(r, 'binaryData', cm.binaryData);
    for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
      const bad = base64ErrorOffset(v);
      if (bad >= 0) r.invalid(['binaryData', mapKey(k)], v.length > 20 ? `${v.slice(0, 20)}...` : v, `illegal base64 data at input byte ${bad}`);
    }
    for (const k of Object.keys(cm.data ?? {})) {
      if (cm.binaryData && k in cm.binaryData) r.invalid(['data', mapKey(k)], k, 'duplicate of key present in binaryData');
    }
    if (size > MAX_CONFIG_BYTES) r.tooLong(['data'], MAX_CONFIG_BYTES);
  },
);
export const ConfigMapListSchema = listSchema(CONFIGMAP, ConfigMapSchema);

/** Where Go's base64 decoder would stop (apiserver answers "illegal base64 data at input byte N"), or -1. */
export function base64ErrorOffset(s: string): number {
  const clean = s.replace(/[\r\n]/g, '');
  const m = /^[A-Za-z0-9+/]*/.exec(clean)!;
  let i = m[0].length;
  if (i < clean.length) {
    const pad = clean.slice(i);
    const valid = (pad === '=' && i % 4 === 3) || (pad === '==' && i % 4 === 2);
    return valid ? -1 : i;
  }
  if (i % 4 === 1) return i - 1;
  return i % 4 === 0 ? -1 : i;
}

const SECRET_REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

const SECRET = { apiVersion: 'v1', kind: 'Secret', definition: 'io.k8s.api.core.v1.Secret' } as const;

export const SecretSchema = kindSchema(
  { ...SECRET, description: 'Sensitive data (passwords, tokens, keys) for pods to read as environment variables or files. Values are base64 in data.', name: 'subdomain', namespaced: true },
  {
    immutable: opt(z.boolean(), 'If true, data can no longer be changed.'),
    data: opt(z.record(z.string(), z.string()), 'Values by key, base64-encoded.'),
    stringData: opt(stringMap(), 'Write-only convenience: plain-text values merged into data (base64-encoded) on write; wins over data.'),
    type: opt(str(), 'How the data is meant to be used: Opaque (default), kubernetes.io/tls, kubernetes.io/dockerconfigjson, kubernetes.io/basic-auth, ...'),
  },
  (s, r) => {
    let size = 0;
    for (const [k, v] of Object.entries(s.data ?? {})) {
      r.invalidEach(['data', mapKey(k)], k, isConfigMapKey(k));
      const bad = base64ErrorOffset(v);
      if (bad >= 0) r.invalid(['data', mapKey(k)], '<secret contents redacted>', `illegal base64 data at input byte ${bad}`);
      size += Math.floor((v.length * 3) / 4);
    }
    size += checkKeys(r, 'stringData', s.stringData);
    if (size > MAX_CONFIG_BYTES) r.tooLong(['data'], MAX_CONFIG_BYTES);
    const all = { ...s.data, ...s.stringData };
    for (const key of SECRET_REQUIRED_KEYS[s.type ?? ''] ?? []) if (!(key in all)) r.required(['data', mapKey(key)]);
    if (s.type === 'kubernetes.io/service-account-token' && !s.metadata.annotations?.['kubernetes.io/service-account.name']) {
      r.required(['metadata', 'annotations', mapKey('kubernetes.io/service-account.name')]);
    }
    if (s.type === 'kubernetes.io/basic-auth' && !('username' in all) && !('password' in all)) r.required(['data', mapKey('username')]);
  },
);
export const SecretListSchema = listSchema(SECRET, SecretSchema);

const SERVICE_ACCOUNT = { apiVersion: 'v1', kind: 'ServiceAccount', definition: 'io.k8s.api.core.v1.ServiceAccount' } as const;

export const ServiceAccountSchema = kindSchema(
  { ...SERVICE_ACCOUNT, description: 'An identity for processes in pods, used to authenticate to the API server.', name: 'subdomain', namespaced: true },
  {
    secrets: opt(z.array(ObjectReferenceSchema), 'Deprecated: Secrets holding long-lived tokens for this account.', mergeList('name')),
    imagePullSecrets: opt(z.array(LocalObjectReferenceSchema), 'Registry credentials added to every pod that uses this account.', atomicList),
    automountServiceAccountToken: opt(z.boolean(), 'Whether pods using this account get an API token mounted by default.'),
  },
);
export const ServiceAccountListSchema = listSchema(SERVICE_ACCOUNT, ServiceAccountSchema);

export type Namespace = z.infer<typeof NamespaceSchema>;
export type NamespaceCondition = z.infer<typeof NamespaceConditionSchema>;
export type ConfigMap = z.infer<typeof ConfigMapSchema>;
export type Secret = z.infer<typeof SecretSchema>;
export type ServiceAccount = z.infer<typeof ServiceAccountSchema>;
