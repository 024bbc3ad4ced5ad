// Pod- and container-level security settings: users, groups, capabilities, seccomp/AppArmor/SELinux profiles.
import { z } from 'zod';
import { atomicList, enumOf, int64, named, opt, req, rules, str, strings, type Rules } from './dsl.ts';
import type { Path } from './field-errors.ts';
import { isValidUserID } from './names.ts';

export const CapabilitiesSchema = named(
  'io.k8s.api.core.v1.Capabilities',
  'Linux capabilities to add to or drop from the container runtime defaults.',
  z.object({
    add: opt(strings(), 'Capabilities to add, e.g. NET_ADMIN.', atomicList),
    drop: opt(strings(), 'Capabilities to drop, e.g. ALL.', atomicList),
  }),
);

export const SELinuxOptionsSchema = named(
  'io.k8s.api.core.v1.SELinuxOptions',
  'SELinux label applied to the container.',
  z.object({
    user: opt(str(), 'SELinux user.'),
    role: opt(str(), 'SELinux role.'),
    type: opt(str(), 'SELinux type.'),
    level: opt(str(), 'SELinux level.'),
  }),
);

const profileTypes = ['Localhost', 'RuntimeDefault', 'Unconfined'] as const;

function checkProfile(r: Rules, p: { type: string; localhostProfile?: string | undefined }, what: string): void {
  if (p.type === 'Localhost' && !p.localhostProfile) r.required(['localhostProfile'], `must be set when ${what} type is Localhost`);
  if (p.type !== 'Localhost' && p.localhostProfile !== undefined) r.invalid(['localhostProfile'], p.localhostProfile, `can only be set when ${what} type is Localhost`);
}

export const SeccompProfileSchema = named(
  'io.k8s.api.core.v1.SeccompProfile',
  'Which seccomp filter restricts the system calls of the container.',
  rules(
    z.object({
      type: req(enumOf(profileTypes), 'RuntimeDefault (the runtime\'s filter), Unconfined (none) or Localhost (a file on the node).'),
      localhostProfile: opt(str(), 'Path of the profile on the node, relative to the kubelet seccomp directory; only for Localhost.'),
    }),
    (p, r) => checkProfile(r, p, 'seccomp'),
  ),
);

export const AppArmorProfileSchema = named(
  'io.k8s.api.core.v1.AppArmorProfile',
  'Which AppArmor profile confines the container.',
  rules(
    z.object({
      type: req(enumOf(profileTypes), 'RuntimeDefault, Unconfined or Localhost (a profile loaded on the node).'),
      localhostProfile: opt(str(), 'Name of the profile loaded on the node; only for Localhost.'),
    }),
    (p, r) => checkProfile(r, p, 'AppArmor'),
  ),
);

export const WindowsSecurityContextOptionsSchema = named(
  'io.k8s.api.core.v1.WindowsSecurityContextOptions',
  'Windows-only security settings.',
  z.object({
    gmsaCredentialSpecName: opt(str(), 'Name of the GMSA credential spec to use.'),
    gmsaCredentialSpec: opt(str(), 'Inline GMSA credential spec.'),
    runAsUserName: opt(str(), 'Windows user to run the entrypoint as.'),
    hostProcess: opt(z.boolean(), 'Run as a Windows host process container.'),
  }),
);

export const SysctlSchema = named(
  'io.k8s.api.core.v1.Sysctl',
  'A kernel parameter set for the pod.',
  z.object({
    name: req(str(), 'Parameter name, e.g. net.core.somaxconn.'),
    value: req(str(), 'Parameter value.'),
  }),
);

function checkIds(r: Rules, ids: Record<string, number | undefined>): void {
  for (const [k, v] of Object.entries(ids)) if (v !== undefined) r.invalidEach([k], v, isValidUserID(v));
}

export const SecurityContextSchema = named(
  'io.k8s.api.core.v1.SecurityContext',
  'Security settings of one container; they override the same settings of the pod security context.',
  rules(
    z.object({
      capabilities: opt(CapabilitiesSchema, 'Capabilities to add or drop.'),
      privileged: opt(z.boolean(), 'Run with (almost) the same access as processes on the host. Defaults to false.'),
      seLinuxOptions: opt(SELinuxOptionsSchema, 'SELinux label for the container.'),
      windowsOptions: opt(WindowsSecurityContextOptionsSchema, 'Windows-only settings.'),
      runAsUser: opt(int64(), 'UID to run the entrypoint as. Defaults to the image\'s user.'),
      runAsGroup: opt(int64(), 'GID to run the entrypoint as.'),
      runAsNonRoot: opt(z.boolean(), 'Refuse to start the container if it would run as UID 0.'),
      readOnlyRootFilesystem: opt(z.boolean(), 'Mount the container root filesystem read-only.'),
      allowPrivilegeEscalation: opt(z.boolean(), 'Whether a process may gain more privileges than its parent (no_new_privs).'),
      procMount: opt(enumOf(['Default', 'Unmasked']), 'Which /proc mask to use: Default or Unmasked.'),
      seccompProfile: opt(SeccompProfileSchema, 'Seccomp profile for the container.'),
      appArmorProfile: opt(AppArmorProfileSchema, 'AppArmor profile for the container.'),
    }),
    (sc, r) => {
      checkIds(r, { runAsUser: sc.runAsUser, runAsGroup: sc.runAsGroup });
      if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
        r.invalid([], sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
      }
      if (sc.allowPrivilegeEscalation === false && sc.capabilities?.add?.includes('CAP_SYS_ADMIN')) {
        r.invalid([], sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN');
      }
    },
  ),
);

export const PodSecurityContextSchema = named(
  'io.k8s.api.core.v1.PodSecurityContext',
  'Security settings for every container of the pod, and for its volumes.',
  rules(
    z.object({
      seLinuxOptions: opt(SELinuxOptionsSchema, 'SELinux label for all containers.'),
      windowsOptions: opt(WindowsSecurityContextOptionsSchema, 'Windows-only settings for all containers.'),
      runAsUser: opt(int64(), 'UID to run container entrypoints as.'),
      runAsGroup: opt(int64(), 'GID to run container entrypoints as.'),
      runAsNonRoot: opt(z.boolean(), 'Refuse to start containers that would run as UID 0.'),
      supplementalGroups: opt(z.array(int64()), 'Extra GIDs for the first process of each container.', atomicList),
      supplementalGroupsPolicy: opt(enumOf(['Merge', 'Strict']), 'Merge (also use groups from the image) or Strict (only the listed ones).'),
      fsGroup: opt(int64(), 'GID that owns supported volumes and is added to every container process.'),
      sysctls: opt(z.array(SysctlSchema), 'Namespaced kernel parameters for the pod.', atomicList),
      fsGroupChangePolicy: opt(enumOf(['OnRootMismatch', 'Always']), 'When volume ownership is changed to fsGroup: OnRootMismatch or Always.'),
      seccompProfile: opt(SeccompProfileSchema, 'Seccomp profile for all containers.'),
      appArmorProfile: opt(AppArmorProfileSchema, 'AppArmor profile for all containers.'),
      seLinuxChangePolicy: opt(str(), 'How SELinux labels are applied to volumes: Recursive or MountOption.'),
    }),
    (sc, r) => {
      checkIds(r, { runAsUser: sc.runAsUser, runAsGroup: sc.runAsGroup, fsGroup: sc.fsGroup });
      sc.supplementalGroups?.forEach((g, i) => r.invalidEach(['supplementalGroups', i] as Path, g, isValidUserID(g)));
    },
  ),
);

export type SecurityContext = z.infer<typeof SecurityContextSchema>;
export type PodSecurityContext = z.infer<typeof PodSecurityContextSchema>;
export type Capabilities = z.infer<typeof CapabilitiesSchema>;
