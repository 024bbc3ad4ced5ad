// The simulation profile in force: how long simulated machines take. Profiles are data (see kubelet/stages.ts).
import type { ClusterConfig } from '../apiserver/context.ts';
import { PROFILES, type Profile } from './profile.ts';

export interface Simulation {
  readonly config: ClusterConfig;
  /** Timings of the current profile (config.profile may change at run time). */
  profile(): Profile;
}

export function simulation(config: ClusterConfig): Simulation {
  return { config, profile: () => PROFILES[config.profile] };
}
