// authorization.k8s.io/v1 SelfSubjectAccessReview, SelfSubjectRulesReview and authentication.k8s.io/v1 SelfSubjectReview
// (k8s.io/api/{authorization,authentication}/v1/generated.proto): what `kubectl auth can-i` and `whoami` post.
// Status fields are left out: the server fills them, so whatever a client sends there is skipped.
import { list, message, msg, str } from '../descriptor.ts';
import { LabelSelectorRequirement, ObjectMeta } from './meta.ts';

const FieldSelectorRequirement = message('FieldSelectorRequirement', [str(1, 'key'), str(2, 'operator'), list(3, 'values', 'string')]);

const FieldSelectorAttributes = message('FieldSelectorAttributes', [str(1, 'rawSelector'), list(2, 'requirements', FieldSelectorRequirement)]);

const LabelSelectorAttributes = message('LabelSelectorAttributes', [str(1, 'rawSelector'), list(2, 'requirements', LabelSelectorRequirement)]);

const ResourceAttributes = message('ResourceAttributes', [
  str(1, 'namespace'),
  str(2, 'verb'),
  str(3, 'group'),
  str(4, 'version'),
  str(5, 'resource'),
  str(6, 'subresource'),
  str(7, 'name'),
  msg(8, 'fieldSelector', FieldSelectorAttributes),
  msg(9, 'labelSelector', LabelSelectorAttributes),
]);

const NonResourceAttributes = message('NonResourceAttributes', [str(1, 'path'), str(2, 'verb')]);

const SelfSubjectAccessReviewSpec = message('SelfSubjectAccessReviewSpec', [msg(1, 'resourceAttributes', ResourceAttributes), msg(2, 'nonResourceAttributes', NonResourceAttributes)]);

export const SelfSubjectAccessReview = message('SelfSubjectAccessReview', [msg(1, 'metadata', ObjectMeta), msg(2, 'spec', SelfSubjectAccessReviewSpec)]);

const SelfSubjectRulesReviewSpec = message('SelfSubjectRulesReviewSpec', [str(1, 'namespace')]);

export const SelfSubjectRulesReview = message('SelfSubjectRulesReview', [msg(1, 'metadata', ObjectMeta), msg(2, 'spec', SelfSubjectRulesReviewSpec)]);

export const SelfSubjectReview = message('SelfSubjectReview', [msg(1, 'metadata', ObjectMeta)]);
