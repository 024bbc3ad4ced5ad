// Pod admission as a stock cluster runs it: ServiceAccount, DefaultTolerationSeconds and Priority.
import type { AdmissionPlugin } from '../context.ts';
import type { Pod } from '../../registry/schemas/index.ts';

/** How long pods tolerate a not-ready or unreachable node before eviction (a stock cluster uses 300s; see README). */
export const DEFAULT_TOLERATION_SECONDS = { realistic: 30, fast: 0 } as const;

export const podDefaults = {
  name: 'PodDefaults',
  handles: (r) => r === 'pods',
  admit(a, ctx) {
    if (a.operation !== 'create' || a.subresource !== undefined) return;
    const pod = a.object as Pod;
    const spec = pod.spec;
    if (!spec) return;
    // mirror pods of static pods run outside the API's accounts: they keep no ServiceAccount
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] === undefined) {
      spec.serviceAccountName ||= 'default';
      spec.serviceAccount = spec.serviceAccountName;
    }
    spec.priority ??= 0;
    const seconds = DEFAULT_TOLERATION_SECONDS[ctx.config.profile];
    const tolerations = (spec.tolerations ??= []);
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      const has = tolerations.some((t) => (t.key === key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'));
      if (!has) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
    }
  },
} satisfies AdmissionPlugin;
