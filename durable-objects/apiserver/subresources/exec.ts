// `pods/exec`: not simulated yet; a clear Status instead of a hanging upgrade.
import { ApiError } from '../errors.ts';
import type { Subresource } from './types.ts';

export const exec = {
  name: 'exec',
  serves: (s) => s.resource === 'pods' && s.group === '',
  handle: async () => {
    throw new ApiError('BadRequest', 'exec is not available in kube-sandbox yet: containers are simulated; use kubectl logs and describe to see what they do');
  },
} satisfies Subresource;
