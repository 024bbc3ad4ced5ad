// The admission chain, in the order apiserver runs its plugins.
import type { AdmissionPlugin } from '../context.ts';
import { namespaceLifecycle } from './namespace-lifecycle.ts';
import { podDefaults } from './pod-defaults.ts';
import { serviceIPs } from './service-ips.ts';
import { nodeIPAM } from './node-ipam.ts';
import { sandboxLimits } from './sandbox-limits.ts';
import { serviceAccountAdmission } from './service-account.ts';

export const ADMISSION: AdmissionPlugin[] = [namespaceLifecycle, sandboxLimits, podDefaults, serviceAccountAdmission, serviceIPs, nodeIPAM];
