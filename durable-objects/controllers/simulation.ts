// The simulation profile: how long simulated machines take (image pulls, container starts, grace periods).
import type { ClusterConfig } from '../apiserver/context.ts';

export interface Simulation {
  config: ClusterConfig;
}
