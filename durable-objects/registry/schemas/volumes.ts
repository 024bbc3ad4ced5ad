// Pod volumes we simulate (emptyDir, configMap, secret, hostPath, persistentVolumeClaim, projected, downwardAPI) and their rules.
import { z } from 'zod';
import { atomicList, enumOrEmpty, int32, int64, named, opt, req, rules, str, type Rules } from './dsl.ts';
import { checkLocalDescendingPath } from './container.ts';
import { quantity } from './core-common.ts';
import { checkFieldSelector, checkResourceFieldSelector, ObjectFieldSelectorSchema, ResourceFieldSelectorSchema, VOLUME_FIELD_PATHS } from './env.ts';
import type { Path } from './field-errors.ts';
import { isDNS1123Label } from './names.ts';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function checkMode(r: Rules, path: Path, mode: number | undefined): void {
  if (mode !== undefined && (mode < 0 || mode > 0o777)) r.invalid(path, mode, FILE_MODE_ERROR);
}

/** A file path inside a volume: relative, no '..' pieces, not starting with '..'. */
function checkLocalPath(r: Rules, path: Path, value: string): void {
  checkLocalDescendingPath(r, path, value);
  if (value.startsWith('..') && !value.split('/').includes('..')) r.invalid(path, value, "must not start with '..'");
}

export const KeyToPathSchema = named(
  'io.k8s.api.core.v1.KeyToPath',
  'Places one key of a ConfigMap or Secret at a chosen file path in the volume.',
  rules(
    z.object({
      key: req(str(), 'Key to project.'),
      path: req(str(), 'Relative file path to write the value to; may not contain "..".'),
      mode: opt(int32(), 'File permission bits (0-0777; octal in YAML as 0644). Defaults to the volume defaultMode.'),
    }),
    (k, r) => {
      if (!k.key) r.required(['key']);
      if (!k.path) r.required(['path']);
      else checkLocalPath(r, ['path'], k.path);
      checkMode(r, ['mode'], k.mode);
    },
  ),
);

export const EmptyDirVolumeSourceSchema = named(
  'io.k8s.api.core.v1.EmptyDirVolumeSource',
  'A directory that starts empty when the pod starts and is deleted with the pod.',
  z.object({
    medium: opt(str(), 'Storage medium: "" for the node\'s default disk, or Memory for a tmpfs.'),
    sizeLimit: opt(quantity(), 'Maximum size of the volume, e.g. 1Gi.'),
  }),
);

export const ConfigMapVolumeSourceSchema = named(
  'io.k8s.api.core.v1.ConfigMapVolumeSource',
  'Exposes the keys of a ConfigMap as files, one file per key.',
  rules(
    z.object({
      name: opt(str(), 'Name of the ConfigMap in the pod\'s namespace.', { default: '' }),
      items: opt(z.array(KeyToPathSchema), 'Only project these keys, at these paths; by default every key becomes a file named after it.', atomicList),
      defaultMode: opt(int32(), 'Permission bits of the created files (0-0777). Defaults to 0644.'),
      optional: opt(z.boolean(), 'If true, the pod starts even when the ConfigMap or a listed key is missing.'),
    }),
    (s, r) => {
      if (!s.name) r.required(['name']);
      checkMode(r, ['defaultMode'], s.defaultMode);
    },
  ),
);

export const SecretVolumeSourceSchema = named(
  'io.k8s.api.core.v1.SecretVolumeSource',
  'Exposes the keys of a Secret as files, one file per key.',
  rules(
    z.object({
      secretName: opt(str(), 'Name of the Secret in the pod\'s namespace.'),
      items: opt(z.array(KeyToPathSchema), 'Only project these keys, at these paths; by default every key becomes a file.', atomicList),
      defaultMode: opt(int32(), 'Permission bits of the created files (0-0777). Defaults to 0644.'),
      optional: opt(z.boolean(), 'If true, the pod starts even when the Secret or a listed key is missing.'),
    }),
    (s, r) => {
      if (!s.secretName) r.required(['secretName']);
      checkMode(r, ['defaultMode'], s.defaultMode);
    },
  ),
);

export const HostPathVolumeSourceSchema = named(
  'io.k8s.api.core.v1.HostPathVolumeSource',
  'A file or directory of the node, mounted into the pod. Gives access to the host; use with care.',
  rules(
    z.object({
      path: req(str(), 'Path on the node.'),
      type: opt(enumOrEmpty(['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']), 'What must exist at the path; empty means no check.'),
    }),
    (h, r) => {
      if (!h.path) r.required(['path']);
      else if (h.path.split('/').includes('..')) r.invalid(['path'], h.path, "must not contain '..'");
    },
  ),
);

export const PersistentVolumeClaimVolumeSourceSchema = named(
  'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource',
  'Mounts the volume bound to a PersistentVolumeClaim in the same namespace.',
  rules(
    z.object({
      claimName: req(str(), 'Name of the PersistentVolumeClaim.'),
      readOnly: opt(z.boolean(), 'Mount read-only. Defaults to false.'),
    }),
    (c, r) => {
      if (!c.claimName) r.required(['claimName']);
    },
  ),
);

export const DownwardAPIVolumeFileSchema = named(
  'io.k8s.api.core.v1.DownwardAPIVolumeFile',
  'A file holding one pod field or container resource value.',
  rules(
    z.object({
      path: req(str(), 'Relative file path; may not contain "..".'),
      fieldRef: opt(ObjectFieldSelectorSchema, 'Pod field to write: metadata.name, metadata.namespace, metadata.uid, metadata.labels or metadata.annotations (whole or one key).'),
      resourceFieldRef: opt(ResourceFieldSelectorSchema, 'Container limit or request to write.'),
      mode: opt(int32(), 'Permission bits of the file (0-0777).'),
    }),
    (f, r) => {
      if (!f.path) r.required(['path']);
      else checkLocalPath(r, ['path'], f.path);
      if (f.fieldRef) {
        checkFieldSelector(r, ['fieldRef'], f.fieldRef, VOLUME_FIELD_PATHS);
        if (f.resourceFieldRef) r.invalid([], 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously');
      } else if (f.resourceFieldRef) {
        checkResourceFieldSelector(r, ['resourceFieldRef'], f.resourceFieldRef);
      } else {
        r.required([], 'one of fieldRef and resourceFieldRef is required');
      }
      checkMode(r, ['mode'], f.mode);
    },
  ),
);

export const DownwardAPIVolumeSourceSchema = named(
  'io.k8s.api.core.v1.DownwardAPIVolumeSource',
  'Files holding information about the pod itself (the downward API).',
  rules(
    z.object({
      items: opt(z.array(DownwardAPIVolumeFileSchema), 'The files to create.', atomicList),
      defaultMode: opt(int32(), 'Permission bits of the created files (0-0777). Defaults to 0644.'),
    }),
    (s, r) => checkMode(r, ['defaultMode'], s.defaultMode),
  ),
);

export const DownwardAPIProjectionSchema = named(
  'io.k8s.api.core.v1.DownwardAPIProjection',
  'Downward API files inside a projected volume.',
  z.object({
    items: opt(z.array(DownwardAPIVolumeFileSchema), 'The files to create.', atomicList),
  }),
);

export const ConfigMapProjectionSchema = named(
  'io.k8s.api.core.v1.ConfigMapProjection',
  'ConfigMap keys inside a projected volume.',
  z.object({
    name: opt(str(), 'Name of the ConfigMap.', { default: '' }),
    items: opt(z.array(KeyToPathSchema), 'Only project these keys, at these paths.', atomicList),
    optional: opt(z.boolean(), 'If true, a missing ConfigMap or key is not an error.'),
  }),
);

export const SecretProjectionSchema = named(
  'io.k8s.api.core.v1.SecretProjection',
  'Secret keys inside a projected volume.',
  z.object({
    name: opt(str(), 'Name of the Secret.', { default: '' }),
    items: opt(z.array(KeyToPathSchema), 'Only project these keys, at these paths.', atomicList),
    optional: opt(z.boolean(), 'If true, a missing Secret or key is not an error.'),
  }),
);

export const ServiceAccountTokenProjectionSchema = named(
  'io.k8s.api.core.v1.ServiceAccountTokenProjection',
  'A short-lived token for the pod\'s service account, refreshed by the kubelet.',
  rules(
    z.object({
      audience: opt(str(), 'Intended audience of the token; defaults to the API server.'),
      expirationSeconds: opt(int64(), 'Requested lifetime in seconds, at least 600. Defaults to 3600.'),
      path: req(str(), 'Relative file path for the token.'),
    }),
    (t, r) => {
      if (!t.path) r.required(['path']);
      else checkLocalPath(r, ['path'], t.path);
      if (t.expirationSeconds !== undefined) {
        if (t.expirationSeconds < 600) r.invalid(['expirationSeconds'], t.expirationSeconds, 'may not specify a duration less than 10 minutes');
        else if (t.expirationSeconds > 2 ** 32) r.invalid(['expirationSeconds'], t.expirationSeconds, 'may not specify a duration larger than 2^32 seconds');
      }
    },
  ),
);

const PROJECTION_KINDS = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken'] as const;

export const VolumeProjectionSchema = named(
  'io.k8s.api.core.v1.VolumeProjection',
  'One source of a projected volume; exactly one field is set.',
  rules(
    z.object({
      secret: opt(SecretProjectionSchema, 'Keys of a Secret.'),
      downwardAPI: opt(DownwardAPIProjectionSchema, 'Pod fields and resource values.'),
      configMap: opt(ConfigMapProjectionSchema, 'Keys of a ConfigMap.'),
      serviceAccountToken: opt(ServiceAccountTokenProjectionSchema, 'A service account token.'),
    }),
    (s, r) => {
      let n = 0;
      for (const k of PROJECTION_KINDS) {
        if (s[k] === undefined) continue;
        if (n > 0) r.forbidden([k], 'may not specify more than 1 volume type per source');
        n++;
      }
      if (n === 0) r.required([], 'must specify exactly 1 volume type');
    },
  ),
);

export const ProjectedVolumeSourceSchema = named(
  'io.k8s.api.core.v1.ProjectedVolumeSource',
  'Several ConfigMaps, Secrets, downward API files and tokens merged into one directory.',
  rules(
    z.object({
      sources: opt(z.array(VolumeProjectionSchema), 'What to project into the volume.', atomicList),
      defaultMode: opt(int32(), 'Permission bits of the created files (0-0777). Defaults to 0644.'),
    }),
    (s, r) => checkMode(r, ['defaultMode'], s.defaultMode),
  ),
);

export const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'secret', 'persistentVolumeClaim', 'downwardAPI', 'configMap', 'projected'] as const;

export const VolumeSchema = named(
  'io.k8s.api.core.v1.Volume',
  'A named volume containers of the pod can mount; exactly one source (emptyDir, configMap, secret, ...) is set.',
  rules(
    z.object({
      name: req(str(), 'Name of the volume, a DNS label unique in the pod; volumeMounts refer to it.'),
      hostPath: opt(HostPathVolumeSourceSchema, 'A path on the node.'),
      emptyDir: opt(EmptyDirVolumeSourceSchema, 'A scratch directory that lives as long as the pod.'),
      secret: opt(SecretVolumeSourceSchema, 'The keys of a Secret, as files.'),
      persistentVolumeClaim: opt(PersistentVolumeClaimVolumeSourceSchema, 'The volume bound to a PersistentVolumeClaim.'),
      downwardAPI: opt(DownwardAPIVolumeSourceSchema, 'Information about the pod, as files.'),
      configMap: opt(ConfigMapVolumeSourceSchema, 'The keys of a ConfigMap, as files.'),
      projected: opt(ProjectedVolumeSourceSchema, 'Several sources merged into one directory.'),
    }),
    (v, r) => {
      let n = 0;
      for (const k of VOLUME_SOURCES) {
        if (v[k] === undefined) continue;
        if (n > 0) r.forbidden([k], 'may not specify more than 1 volume type');
        n++;
      }
      if (n === 0) r.required([], 'must specify a volume type');
      if (!v.name) r.required(['name']);
      else r.invalidEach(['name'], v.name, isDNS1123Label(v.name));
    },
  ),
);

export type Volume = z.infer<typeof VolumeSchema>;
export type KeyToPath = z.infer<typeof KeyToPathSchema>;
export type VolumeProjection = z.infer<typeof VolumeProjectionSchema>;
