// Sandbox limits, enforced like a ResourceQuota: one cluster lives in one Durable Object (128 MB of memory), so a
// runaway `--replicas=100000` must be refused with a clear 403 instead of exhausting the object.
import { ApiError } from '../errors.ts';
import type { AdmissionPlugin } from '../context.ts';

export const LIMITS: Record<string, number> = { pods: 5_000, events: 20_000, nodes: 100 };
/** Everything else, per resource. */
export const DEFAULT_LIMIT = 10_000;

export const sandboxLimits = {
  name: 'SandboxLimits',
  handles: () => true,
  admit(a, ctx) {
    if (a.operation !== 'create') return;
    const limit = LIMITS[a.resource] ?? DEFAULT_LIMIT;
    const used = ctx.store.count(a.resource);
    if (used < limit) return;
    const what = a.strategy.resource;
    throw new ApiError(
      'Forbidden',
      `${what} "${a.object.metadata.name ?? a.object.metadata.generateName ?? ''}" is forbidden: exceeded quota: sandbox, requested: ${what}=1, used: ${what}=${used}, limited: ${what}=${limit}`,
    );
  },
} satisfies AdmissionPlugin;
