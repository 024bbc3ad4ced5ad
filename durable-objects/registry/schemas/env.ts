// Container environment: literal values, values pulled from ConfigMaps, Secrets and the pod itself, and whole-map imports.
import { z } from 'zod';
import { named, opt, req, str, type Rules } from './dsl.ts';
import { QuantitySchema } from './core-common.ts';
import type { Path } from './field-errors.ts';
import { isConfigMapKey, isDNS1123Subdomain, isEnvVarName } from './names.ts';

export const ConfigMapKeySelectorSchema = named(
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  'One key of a ConfigMap in the same namespace.',
  z.object({
    name: opt(str(), 'Name of the ConfigMap.', { default: '' }),
    key: req(str(), 'Key to read.'),
    optional: opt(z.boolean(), 'If true, a missing ConfigMap or key is not an error.'),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const SecretKeySelectorSchema = named(
  'io.k8s.api.core.v1.SecretKeySelector',
  'One key of a Secret in the same namespace.',
  z.object({
    name: opt(str(), 'Name of the Secret.', { default: '' }),
    key: req(str(), 'Key to read.'),
    optional: opt(z.boolean(), 'If true, a missing Secret or key is not an error.'),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const ObjectFieldSelectorSchema = named(
  'io.k8s.api.core.v1.ObjectFieldSelector',
  "A field of the pod itself, e.g. metadata.name or status.podIP (the downward API).",
  z.object({
    apiVersion: opt(str(), 'Version the field path is written in. Defaults to v1.'),
    fieldPath: req(str(), 'Path of the field to read.'),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const ResourceFieldSelectorSchema = named(
  'io.k8s.api.core.v1.ResourceFieldSelector',
  "A container's resource request or limit, e.g. limits.memory (the downward API).",
  z.object({
    containerName: opt(str(), 'Container to read from; required in volumes, defaults to the current container in env.'),
    resource: req(str(), 'Which value: limits.cpu, limits.memory, requests.cpu, requests.memory, limits.ephemeral-storage or requests.ephemeral-storage.'),
    divisor: opt(QuantitySchema, 'Unit to express the value in, e.g. 1Mi. Defaults to 1.'),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const EnvVarSourceSchema = named(
  'io.k8s.api.core.v1.EnvVarSource',
  'Where an environment variable gets its value; exactly one source.',
  z.object({
    fieldRef: opt(ObjectFieldSelectorSchema, 'A pod field: metadata.name, metadata.namespace, metadata.uid, metadata.labels[\'<key>\'], metadata.annotations[\'<key>\'], spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs.'),
    resourceFieldRef: opt(ResourceFieldSelectorSchema, "A resource limit or request of a container."),
    configMapKeyRef: opt(ConfigMapKeySelectorSchema, 'A key of a ConfigMap.'),
    secretKeyRef: opt(SecretKeySelectorSchema, 'A key of a Secret.'),
  }),
);

export const EnvVarSchema = named(
  'io.k8s.api.core.v1.EnvVar',
  'One environment variable of a container.',
  z.object({
    name: req(str(), 'Variable name.'),
    value: opt(str(), 'Literal value; $(OTHER_VAR) expands variables defined earlier. Mutually exclusive with valueFrom.'),
    valueFrom: opt(EnvVarSourceSchema, 'Take the value from a ConfigMap, Secret or pod field instead.'),
  }),
);

export const ConfigMapEnvSourceSchema = named(
  'io.k8s.api.core.v1.ConfigMapEnvSource',
  'Imports every key of a ConfigMap as environment variables.',
  z.object({
    name: opt(str(), 'Name of the ConfigMap.', { default: '' }),
    optional: opt(z.boolean(), 'If true, a missing ConfigMap is not an error.'),
  }),
);

export const SecretEnvSourceSchema = named(
  'io.k8s.api.core.v1.SecretEnvSource',
  'Imports every key of a Secret as environment variables.',
  z.object({
    name: opt(str(), 'Name of the Secret.', { default: '' }),
    optional: opt(z.boolean(), 'If true, a missing Secret is not an error.'),
  }),
);

export const EnvFromSourceSchema = named(
  'io.k8s.api.core.v1.EnvFromSource',
  'Imports all keys of a ConfigMap or Secret as environment variables.',
  z.object({
    prefix: opt(str(), 'String prepended to every imported variable name.'),
    configMapRef: opt(ConfigMapEnvSourceSchema, 'The ConfigMap to import.'),
    secretRef: opt(SecretEnvSourceSchema, 'The Secret to import.'),
  }),
);

// Sorted, as apiserver lists them from a set.
export const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

/** Downward API field paths; one label or annotation may be picked with metadata.labels['app']. */
export function checkFieldSelector(r: Rules, path: Path, sel: { fieldPath: string }, supported: readonly string[]): void {
  const fp = sel.fieldPath;
  if (!fp) return r.required([...path, 'fieldPath']);
  const m = /^metadata\.(?:labels|annotations)\['(.*)'\]$/.exec(fp);
  if (m) {
    if (!m[1]) r.invalid([...path, 'fieldPath'], fp, `error converting fieldPath: field label not supported: ${fp}`);
    return;
  }
  if (!supported.includes(fp)) r.notSupported([...path, 'fieldPath'], fp, supported);
}

export function checkResourceFieldSelector(r: Rules, path: Path, sel: { resource: string }): void {
  if (!sel.resource) r.required([...path, 'resource']);
  else if (!RESOURCE_FIELDS.includes(sel.resource) && !/^(limits|requests)\.hugepages-/.test(sel.resource)) r.notSupported([...path, 'resource'], sel.resource, RESOURCE_FIELDS);
}

function checkKeySelector(r: Rules, path: Path, sel: { name?: string | undefined; key: string }): void {
  r.invalidEach([...path, 'name'], sel.name ?? '', isDNS1123Subdomain(sel.name ?? ''));
  if (!sel.key) r.required([...path, 'key']);
  else r.invalidEach([...path, 'key'], sel.key, isConfigMapKey(sel.key));
}

type EnvVar = z.infer<typeof EnvVarSchema>;
type EnvFromSource = z.infer<typeof EnvFromSourceSchema>;

/** validateEnv: names, then exactly one value source. Paths are relative to the container. */
export function checkEnv(r: Rules, env: EnvVar[] | undefined): void {
  env?.forEach((ev, i) => {
    const p: Path = ['env', i];
    if (!ev.name) r.required([...p, 'name']);
    else r.invalidEach([...p, 'name'], ev.name, isEnvVarName(ev.name));
    const from = ev.valueFrom;
    if (!from) return;
    const vp: Path = [...p, 'valueFrom'];
    let n = 0;
    if (from.fieldRef) {
      n++;
      checkFieldSelector(r, [...vp, 'fieldRef'], from.fieldRef, ENV_FIELD_PATHS);
    }
    if (from.resourceFieldRef) {
      n++;
      checkResourceFieldSelector(r, [...vp, 'resourceFieldRef'], from.resourceFieldRef);
    }
    if (from.configMapKeyRef) {
      n++;
      checkKeySelector(r, [...vp, 'configMapKeyRef'], from.configMapKeyRef);
    }
    if (from.secretKeyRef) {
      n++;
      checkKeySelector(r, [...vp, 'secretKeyRef'], from.secretKeyRef);
    }
    if (n === 0) r.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    else if (ev.value) r.invalid(vp, '', 'may not be specified when `value` is not empty');
    else if (n > 1) r.invalid(vp, '', 'may not have more than one field specified at a time');
  });
}

export function checkEnvFrom(r: Rules, sources: EnvFromSource[] | undefined): void {
  sources?.forEach((src, i) => {
    const p: Path = ['envFrom', i];
    if (src.prefix) r.invalidEach([...p, 'prefix'], src.prefix, isEnvVarName(src.prefix));
    let n = 0;
    for (const k of ['configMapRef', 'secretRef'] as const) {
      const ref = src[k];
      if (!ref) continue;
      n++;
      if (!ref.name) r.required([...p, k, 'name']);
      else r.invalidEach([...p, k, 'name'], ref.name, isDNS1123Subdomain(ref.name));
    }
    if (n === 0) r.invalid(['envFrom'], '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (n > 1) r.invalid(['envFrom'], '', 'may not have more than one field specified at a time');
  });
}

export type { EnvVar, EnvFromSource };
export type EnvVarSource = z.infer<typeof EnvVarSourceSchema>;
export type ConfigMapKeySelector = z.infer<typeof ConfigMapKeySelectorSchema>;
export type SecretKeySelector = z.infer<typeof SecretKeySelectorSchema>;
export type ObjectFieldSelector = z.infer<typeof ObjectFieldSelectorSchema>;
export type ResourceFieldSelector = z.infer<typeof ResourceFieldSelectorSchema>;
