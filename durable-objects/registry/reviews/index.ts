// Create-only review kinds (authorization.k8s.io, authentication.k8s.io): the server answers the posted object with its
// status filled in from who asks, and stores nothing. Adding one is one file here plus one line in REVIEWS.
import type { Verb } from '../strategy.ts';
import type { ReviewKind } from './types.ts';
import selfSubjectAccessReview from './self-subject-access-review.ts';
import selfSubjectRulesReview from './self-subject-rules-review.ts';
import selfSubjectReview from './self-subject-review.ts';

export type { ReviewKind, Rights } from './types.ts';

/** What discovery says reviews can do: create, and nothing else (so `get all`, `api-resources --verbs=list` skip them). */
export const REVIEW_VERBS: Verb[] = ['create'];

export const REVIEWS: readonly ReviewKind[] = [selfSubjectAccessReview, selfSubjectRulesReview, selfSubjectReview];

export function lookupReview(group: string, version: string, resource: string): ReviewKind | undefined {
  return REVIEWS.find((r) => r.group === group && r.version === version && r.resource === resource);
}
