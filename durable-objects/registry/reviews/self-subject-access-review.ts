// SelfSubjectAccessReview (authorization.k8s.io/v1): "can I do this?" — what `kubectl auth can-i VERB RESOURCE` posts.
import { errors } from '../../apiserver/errors.ts';
import { isPlainObject } from '../../util.ts';
import { VIEW_CREATABLE, VIEW_DENIED_SUBRESOURCES, VIEW_VERBS, type ReviewKind, type Rights } from './types.ts';

const FIELD = 'spec.resourceAttributes';

interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function decide(rights: Rights, a: Attributes, nonResource: boolean): { allowed: boolean; reason: string } {
  const { verb, subresource } = a;
  if (rights === 'edit') return { allowed: true, reason: 'an edit link may do everything' };
  if (nonResource) {
    return verb === 'get' || verb === 'head'
      ? { allowed: true, reason: 'a view-only link may get non-resource URLs' }
      : { allowed: false, reason: 'a view-only link may only get non-resource URLs' };
  }
  if (verb === 'create' && !subresource && VIEW_CREATABLE.some((c) => c.group === a.group && c.resources.includes(a.resource)))
    return { allowed: true, reason: 'a view-only link may ask what it may do' };
  if (VIEW_VERBS.includes(verb) && !VIEW_DENIED_SUBRESOURCES.has(subresource)) return { allowed: true, reason: 'a view-only link may get, list and watch' };
  return { allowed: false, reason: 'this is a view-only link: it may only get, list and watch' };
}

export default {
  kind: 'SelfSubjectAccessReview',
  resource: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  group: 'authorization.k8s.io',
  version: 'v1',
  review(obj, who) {
    const spec = isPlainObject(obj.spec) ? obj.spec : {};
    const ra = isPlainObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
    const nra = isPlainObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
    if (!ra === !nra) {
      const message = `Invalid value: ${ra ? '"{...}"' : '"null"'}: exactly one of nonResourceAttributes or resourceAttributes must be specified`;
      throw errors.invalid('SelfSubjectAccessReview', 'authorization.k8s.io', '', [{ type: 'FieldValueInvalid', field: FIELD, message }]);
    }
    const attrs = (ra ?? nra)!;
    const status = decide(who.rights, { verb: str(attrs.verb), group: str(attrs.group), resource: str(attrs.resource), subresource: str(attrs.subresource) }, !ra);
    return { ...obj, spec, status };
  },
} satisfies ReviewKind;
