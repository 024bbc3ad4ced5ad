// SelfSubjectReview (authentication.k8s.io/v1): who am I — `kubectl auth whoami`.
import type { ReviewKind } from './types.ts';

/** The user's extra attribute that names the link's rights (the user name may be a person's display name). */
export const RIGHTS_EXTRA = 'kube-sandbox.dev/rights';

export default {
  kind: 'SelfSubjectReview',
  resource: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  group: 'authentication.k8s.io',
  version: 'v1',
  review(obj, who) {
    return { ...obj, status: { userInfo: { username: who.name, groups: ['system:authenticated'], extra: { [RIGHTS_EXTRA]: [who.rights] } } } };
  },
} satisfies ReviewKind;
