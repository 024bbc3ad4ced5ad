// What a create-only review kind is, and what a link's rights allow (shared by the reviews and their tests).
import type { Rights } from '../../session/session.ts';

export type { Rights };

export interface ReviewKind {
  kind: string;
  /** lowercase plural, as in URLs. */
  resource: string;
  singular: string;
  group: string;
  version: string;
  /** The posted object (kind, apiVersion and metadata checked) with its status filled in; throws ApiError when invalid. */
  review(obj: Record<string, unknown>, who: { name: string; rights: Rights }): Record<string, unknown>;
}

/** The verbs a view link may use on resources; every other verb, and exec-like subresources, need an edit link. */
export const VIEW_VERBS = ['get', 'list', 'watch'];
export const VIEW_DENIED_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

/** The reviews are reads in disguise: a view link may create them too (kept in step with REVIEWS in index.ts). */
export const VIEW_CREATABLE: ReadonlyArray<{ group: string; resources: string[] }> = [
  { group: 'authorization.k8s.io', resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
  { group: 'authentication.k8s.io', resources: ['selfsubjectreviews'] },
];
