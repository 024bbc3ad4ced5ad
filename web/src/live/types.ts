// The shapes the page reads from the live feed (a loose view of Kubernetes objects) and the feed's messages.

export interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ kind: string; name: string; uid: string; controller?: boolean }>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  resourceVersion?: string;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: Meta;
  spec?: any;
  status?: any;
  [k: string]: any;
}

export const RESOURCES = ['namespaces', 'nodes', 'pods', 'deployments.apps', 'replicasets.apps', 'services', 'endpoints', 'events'] as const;
export type Resource = (typeof RESOURCES)[number];

export interface Person {
  id: string;
  name: string;
  rights: 'edit' | 'view';
}

export interface ActivityEntry {
  time: string;
  user: string;
  verb: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface Change {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  r: Resource;
  o: KubeObject;
}

export type ServerMessage =
  | { t: 'hello'; id: string; rights: 'edit' | 'view'; name: string }
  | { t: 'snapshot'; rv: string; objects: Array<{ r: Resource; o: KubeObject }>; last: boolean }
  | { t: 'changes'; rv: string; changes: Change[] }
  | { t: 'presence'; people: Person[] }
  | { t: 'activity'; entries: ActivityEntry[] }
  | { t: 'error'; message: string }
  | { t: 'pong' };
