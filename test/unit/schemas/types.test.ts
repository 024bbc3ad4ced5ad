// The inferred types fit the rest of the code base (KubeObject, literal apiVersion/kind).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../durable-objects/types.ts';
import type { Deployment, Event, EventsV1Event, Lease, Node, Pod, ReplicaSet, Secret, Service } from '../../../durable-objects/registry/schemas/index.ts';
import { seed } from './fixtures.ts';

// Compile-time checks: controllers and strategies treat every kind as a KubeObject.
const asKubeObject = <T extends KubeObject>(o: T): KubeObject => o;

describe('kind types', () => {
  it('are KubeObjects with required metadata and literal apiVersion/kind', () => {
    const d = seed('apps/v1/Deployment') as Deployment;
    const objects: KubeObject[] = [
      asKubeObject(d),
      asKubeObject(seed('core/v1/Pod') as Pod),
      asKubeObject(seed('core/v1/Node') as Node),
      asKubeObject(seed('core/v1/Service') as Service),
      asKubeObject(seed('apps/v1/ReplicaSet') as ReplicaSet),
      asKubeObject(seed('core/v1/Secret') as Secret),
      asKubeObject(seed('core/v1/Event') as Event),
      asKubeObject(seed('events.k8s.io/v1/Event') as EventsV1Event),
      asKubeObject(seed('coordination.k8s.io/v1/Lease') as Lease),
    ];
    const kind: 'Deployment' = d.kind;
    const apiVersion: 'apps/v1' = d.apiVersion;
    const name: string | undefined = d.metadata.name;
    const maxSurge: number | string | undefined = d.spec?.strategy?.rollingUpdate?.maxSurge;
    expect([kind, apiVersion, name, maxSurge, objects.length]).toEqual(['Deployment', 'apps/v1', 'nginx-deployment', undefined, 9]);
  });
});
