// What request handling needs from the cluster: the store, the kinds, the clock, randomness, and the admission chain.
import type { Store } from '../store/store.ts';
import type { Registry } from '../registry/registry.ts';
import type { KubeObject } from '../types.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';

export interface Clock {
  now(): number;
}

export interface Random {
  uuid(): string;
  /** A value in [0, 1). */
  float(): number;
}

export type Operation = 'create' | 'update' | 'delete';

/** An admission plugin: may mutate the object or throw an ApiError (apiserver's mutating + validating admission). */
export interface AdmissionPlugin {
  name: string;
  handles(resource: string): boolean;
  admit(a: AdmissionAttributes, ctx: ApiContext): void;
}

export interface AdmissionAttributes {
  operation: Operation;
  /** Store resource (`pods`, `deployments.apps`). */
  resource: string;
  subresource: string | undefined;
  strategy: ResourceStrategy;
  object: KubeObject;
  old: KubeObject | undefined;
  dryRun: boolean;
}

/** Cluster-wide settings chosen at creation (the simulation profile may change later). */
export interface ClusterConfig {
  profile: 'realistic' | 'fast';
  network: 'overlay' | 'flat';
}

export interface ApiContext {
  config: ClusterConfig;
  store: Store;
  registry: Registry;
  clock: Clock;
  random: Random;
  admission: readonly AdmissionPlugin[];
}

let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with second precision, as metav1.Time serialises (memoised: thousands of writes share a second). */
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

/** RFC 3339 with exactly six fractional digits, as metav1.MicroTime serialises (kubectl rejects three). */
export function microTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}000Z`;
}

export function cryptoRandom(): Random {
  return { uuid: () => crypto.randomUUID(), float: () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32 };
}

export const systemClock: Clock = { now: () => Date.now() };
