// SelfSubjectRulesReview (authorization.k8s.io/v1): everything I may do in a namespace — `kubectl auth can-i --list`.
import { errors } from '../../apiserver/errors.ts';
import { isPlainObject } from '../../util.ts';
import { VIEW_CREATABLE, VIEW_VERBS, type ReviewKind, type Rights } from './types.ts';

export function rulesFor(rights: Rights): Record<string, unknown> {
  if (rights === 'edit') {
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  }
  return {
    resourceRules: [...VIEW_CREATABLE.map((c) => ({ verbs: ['create'], apiGroups: [c.group], resources: c.resources })), { verbs: [...VIEW_VERBS], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['*'] }],
    incomplete: false,
  };
}

export default {
  kind: 'SelfSubjectRulesReview',
  resource: 'selfsubjectrulesreviews',
  singular: 'selfsubjectrulesreview',
  group: 'authorization.k8s.io',
  version: 'v1',
  review(obj, who) {
    const spec = isPlainObject(obj.spec) ? obj.spec : {};
    if (typeof spec.namespace !== 'string' || spec.namespace === '') {
      throw errors.invalid('SelfSubjectRulesReview', 'authorization.k8s.io', '', [{ type: 'FieldValueRequired', field: 'spec.namespace', message: 'Required value' }]);
    }
    return { ...obj, spec, status: rulesFor(who.rights) };
  },
} satisfies ReviewKind;
