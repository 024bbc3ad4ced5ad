// policy/v1 Eviction, the body of POST pods/<name>/eviction (k8s.io/api/policy/v1/generated.proto).
import { message, msg } from '../descriptor.ts';
import { DeleteOptions, ObjectMeta } from './meta.ts';

export const Eviction = message('Eviction', [msg(1, 'metadata', ObjectMeta), msg(2, 'deleteOptions', DeleteOptions)]);
