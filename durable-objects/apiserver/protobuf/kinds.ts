// Which apiVersion/kind pairs have a descriptor: exactly the bodies kubectl's typed commands send to us.
import type { MessageDescriptor } from './descriptor.ts';
import { Deployment } from './types/apps.ts';
import { SelfSubjectAccessReview, SelfSubjectReview, SelfSubjectRulesReview } from './types/authorization.ts';
import { ConfigMap, Namespace, Secret, ServiceAccount } from './types/core.ts';
import { Pod } from './types/pod.ts';
import { Eviction } from './types/policy.ts';
import { Service } from './types/service.ts';

const KINDS = new Map<string, MessageDescriptor>([
  ['v1/ConfigMap', ConfigMap],
  ['v1/Secret', Secret],
  ['v1/Namespace', Namespace],
  ['v1/ServiceAccount', ServiceAccount],
  ['v1/Service', Service],
  ['v1/Pod', Pod],
  ['apps/v1/Deployment', Deployment],
  ['policy/v1/Eviction', Eviction],
  ['authorization.k8s.io/v1/SelfSubjectAccessReview', SelfSubjectAccessReview],
  ['authorization.k8s.io/v1/SelfSubjectRulesReview', SelfSubjectRulesReview],
  ['authentication.k8s.io/v1/SelfSubjectReview', SelfSubjectReview],
]);

export function descriptorFor(apiVersion: string, kind: string): MessageDescriptor | undefined {
  return KINDS.get(`${apiVersion}/${kind}`);
}
