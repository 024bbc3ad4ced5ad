// core/v1 security contexts for pods and containers (k8s.io/api/core/v1/generated.proto).
import { bool, i64, KEEP, list, message, msg, str } from '../descriptor.ts';

export const SELinuxOptions = message('SELinuxOptions', [str(1, 'user'), str(2, 'role'), str(3, 'type'), str(4, 'level')]);

export const SeccompProfile = message('SeccompProfile', [str(1, 'type', KEEP), str(2, 'localhostProfile', KEEP)]);

export const AppArmorProfile = message('AppArmorProfile', [str(1, 'type', KEEP), str(2, 'localhostProfile', KEEP)]);

export const Capabilities = message('Capabilities', [list(1, 'add', 'string'), list(2, 'drop', 'string')]);

export const SecurityContext = message('SecurityContext', [
  msg(1, 'capabilities', Capabilities),
  bool(2, 'privileged', KEEP),
  msg(3, 'seLinuxOptions', SELinuxOptions),
  i64(4, 'runAsUser', KEEP),
  i64(8, 'runAsGroup', KEEP),
  bool(5, 'runAsNonRoot', KEEP),
  bool(6, 'readOnlyRootFilesystem', KEEP),
  bool(7, 'allowPrivilegeEscalation', KEEP),
  str(9, 'procMount', KEEP),
  msg(11, 'seccompProfile', SeccompProfile),
  msg(12, 'appArmorProfile', AppArmorProfile),
]);

export const Sysctl = message('Sysctl', [str(1, 'name', KEEP), str(2, 'value', KEEP)]);

export const PodSecurityContext = message('PodSecurityContext', [
  msg(1, 'seLinuxOptions', SELinuxOptions),
  i64(2, 'runAsUser', KEEP),
  i64(6, 'runAsGroup', KEEP),
  bool(3, 'runAsNonRoot', KEEP),
  list(4, 'supplementalGroups', 'int64'),
  str(12, 'supplementalGroupsPolicy', KEEP),
  i64(5, 'fsGroup', KEEP),
  list(7, 'sysctls', Sysctl),
  str(9, 'fsGroupChangePolicy', KEEP),
  msg(10, 'seccompProfile', SeccompProfile),
  msg(11, 'appArmorProfile', AppArmorProfile),
  str(13, 'seLinuxChangePolicy', KEEP),
]);
