// meta/v1 messages (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto) that typed kubectl bodies carry.
import { bool, i64, KEEP, list, map, message, msg, str, time } from '../descriptor.ts';

export const OwnerReference = message('OwnerReference', [
  str(5, 'apiVersion', KEEP),
  str(1, 'kind', KEEP),
  str(3, 'name', KEEP),
  str(4, 'uid', KEEP),
  bool(6, 'controller', KEEP),
  bool(7, 'blockOwnerDeletion', KEEP),
]);

// managedFields (17) is left out on purpose: clients never author it, and the server records its own.
export const ObjectMeta = message('ObjectMeta', [
  str(1, 'name'),
  str(2, 'generateName'),
  str(3, 'namespace'),
  str(4, 'selfLink'),
  str(5, 'uid'),
  str(6, 'resourceVersion'),
  i64(7, 'generation'),
  time(8, 'creationTimestamp'),
  time(9, 'deletionTimestamp'),
  i64(10, 'deletionGracePeriodSeconds', KEEP),
  map(11, 'labels', 'string'),
  map(12, 'annotations', 'string'),
  list(13, 'ownerReferences', OwnerReference),
  list(14, 'finalizers', 'string'),
]);

export const LabelSelectorRequirement = message('LabelSelectorRequirement', [
  str(1, 'key', KEEP),
  str(2, 'operator', KEEP),
  list(3, 'values', 'string'),
]);

export const LabelSelector = message('LabelSelector', [
  map(1, 'matchLabels', 'string'),
  list(2, 'matchExpressions', LabelSelectorRequirement),
]);

export const Preconditions = message('Preconditions', [
  str(1, 'uid', KEEP),
  str(2, 'resourceVersion', KEEP),
]);

export const DeleteOptions = message('DeleteOptions', [
  i64(1, 'gracePeriodSeconds', KEEP),
  msg(2, 'preconditions', Preconditions),
  bool(3, 'orphanDependents', KEEP),
  str(4, 'propagationPolicy', KEEP),
  list(5, 'dryRun', 'string'),
  bool(6, 'ignoreStoreReadErrorWithClusterBreakingPotential', KEEP),
]);
