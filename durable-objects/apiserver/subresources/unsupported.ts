// Streaming subresources a simulated cluster cannot honour; they answer a clear Status instead of hanging.
import { ApiError } from '../errors.ts';
import type { Subresource } from './types.ts';

function unsupported(name: string, why: string): Subresource {
  return {
    name,
    serves: (s) => s.resource === 'pods' && s.group === '',
    handle: async () => {
      throw new ApiError('BadRequest', why);
    },
  };
}

export const portforward = unsupported('portforward', 'port-forward is not available in kube-sandbox: pods are simulated and have no network to tunnel to');
export const attach = unsupported('attach', 'attach is not available in kube-sandbox: simulated containers have no terminal');
export const proxy = unsupported('proxy', 'proxy is not available in kube-sandbox: simulated pods serve no traffic');
