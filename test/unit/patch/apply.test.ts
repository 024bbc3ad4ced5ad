import { describe, it, expect } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import type { ManagedFieldsEntry } from '../../../durable-objects/types.ts';
import { serverSideApply, updateManagedFields, type ServerSideApplyOptions } from '../../../durable-objects/apiserver/patch/index.ts';
import { deploymentSchema, nginxDeployment } from './schemas.ts';

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T11:00:00Z';
const T2 = '2024-05-01T12:00:00Z';

/** What `kubectl apply --server-side -f nginx.yaml` sends. */
function config(edit: (c: any) => void = () => {}): any {
  const c: any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
  edit(c);
  return c;
}

function apply(opts: Partial<ServerSideApplyOptions> & { applied: unknown }): ReturnType<typeof serverSideApply> {
  return serverSideApply({ live: undefined, manager: 'kubectl', schema: deploymentSchema, now: T0, ...opts });
}

function conflict(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a conflict');
}

const entry = (list: ManagedFieldsEntry[] | undefined, manager: string) => list?.find((e) => e.manager === manager);
const containerNames = (o: any): string[] => o.spec.template.spec.containers.map((c: any) => c.name);

/** The nginx Deployment as `kubectl apply` (client-side) created it: owned by kubectl-client-side-apply. */
function clientSideApplied(): any {
  const d = nginxDeployment();
  d.metadata.managedFields = updateManagedFields({ old: undefined, updated: d, manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', now: T0, schema: deploymentSchema });
  return d;
}

describe('serverSideApply: create and re-apply', () => {
  it('creates the object and records what the manager applied', () => {
    const { object, managedFields } = apply({ applied: config() });
    const expected = config();
    expect(object).toEqual({ ...expected, metadata: { ...expected.metadata, managedFields } });
    expect(managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('never takes server-owned metadata or status from the configuration', () => {
    const applied = config((c) => {
      Object.assign(c.metadata, { uid: 'forged', resourceVersion: '1', generation: 7, creationTimestamp: T2, managedFields: [{ manager: 'forged' }] });
      c.status = { replicas: 99 };
    });
    const { object, managedFields } = apply({ applied });
    expect(object.metadata).not.toHaveProperty('uid');
    expect(object.metadata).not.toHaveProperty('resourceVersion');
    expect(object.metadata).not.toHaveProperty('generation');
    expect(object).not.toHaveProperty('status');
    expect(managedFields.map((e) => e.manager)).toEqual(['kubectl']);
  });

  it('re-applying an unchanged configuration changes nothing, not even the timestamp', () => {
    const first = apply({ applied: config() });
    const live = { ...first.object, metadata: { ...first.object.metadata, uid: 'u1', resourceVersion: '5' } };
    const second = apply({ live, applied: config(), now: T1 });
    expect(second.object).toEqual(live);
  });

  it('stamps the entry with the new time when a value changed under the same fields', () => {
    const first = apply({ applied: config() });
    const { managedFields } = apply({ live: first.object, applied: config((c) => (c.spec.replicas = 4)), now: T1 });
    expect(entry(managedFields, 'kubectl')?.time).toBe(T1);
  });

  it('keeps fields the configuration never mentioned', () => {
    const first = apply({ applied: config() });
    const live = structuredClone(first.object) as any;
    live.status = { replicas: 3 };
    live.spec.strategy = { type: 'RollingUpdate' };
    const { object } = apply({ live, applied: config((c) => (c.spec.replicas = 4)), now: T1 }) as any;
    expect(object.spec.replicas).toBe(4);
    expect(object.spec.strategy).toEqual({ type: 'RollingUpdate' });
    expect(object.status).toEqual({ replicas: 3 });
  });

  it('removes a field the manager no longer applies', () => {
    const first = apply({ applied: config((c) => (c.metadata.labels.tier = 'web')) });
    const { object, managedFields } = apply({ live: first.object, applied: config(), now: T1 });
    expect(object.metadata.labels).toEqual({ app: 'nginx' });
    expect((entry(managedFields, 'kubectl')?.fieldsV1 as any)['f:metadata']['f:labels']).toEqual({ 'f:app': {} });
    expect(entry(managedFields, 'kubectl')?.time).toBe(T1);
  });

  it('removes a container the manager no longer applies', () => {
    const first = apply({ applied: config((c) => c.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox' })) });
    expect(containerNames(first.object)).toEqual(['nginx', 'sidecar']);
    const { object } = apply({ live: first.object, applied: config(), now: T1 });
    expect(containerNames(object)).toEqual(['nginx']);
  });

  it('keeps a dropped field that another manager also owns', () => {
    const first = apply({ applied: config((c) => (c.metadata.labels.tier = 'web')) });
    const live = structuredClone(first.object) as any;
    live.metadata.managedFields.push({ manager: 'labeler', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:tier': {} } } } });
    const { object } = apply({ live, applied: config(), now: T1 });
    expect(object.metadata.labels).toEqual({ app: 'nginx', tier: 'web' });
  });

  it('replaces atomic values whole', () => {
    const first = apply({ applied: config((c) => (c.spec.selector = { matchLabels: { app: 'nginx', v: '1' } })) });
    const { object } = apply({ live: first.object, applied: config(), now: T1 }) as any;
    expect(object.spec.selector).toEqual({ matchLabels: { app: 'nginx' } });
  });

  it('rejects a request without a field manager', () => {
    const err = conflict(() => apply({ applied: config(), manager: '' }));
    expect(err.code).toBe(400);
  });

  it('rejects a configuration that is not an object', () => {
    expect(conflict(() => apply({ applied: [] })).code).toBe(400);
  });
});

describe('serverSideApply: conflicts', () => {
  it('refuses to change a field another manager owns, with kubectl\'s wording', () => {
    const err = conflict(() => apply({ live: clientSideApplied(), applied: config((c) => (c.spec.replicas = 5)), now: T1 }));
    expect(err.code).toBe(409);
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(err.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }]);
  });

  it('lists several conflicts per manager', () => {
    const applied = config((c) => {
      c.spec.replicas = 5;
      c.spec.template.spec.containers[0].image = 'nginx:1.16.1';
    });
    const err = conflict(() => apply({ live: clientSideApplied(), applied, now: T1 }));
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(err.details?.causes?.map((c) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
  });

  it('groups conflicts by manager and names appliers without "using"', () => {
    const live = clientSideApplied();
    live.metadata.managedFields = [
      { manager: 'zeta', operation: 'Apply', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
      { manager: 'alpha', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } } },
    ];
    const applied = config((c) => {
      c.spec.replicas = 1;
      c.metadata.labels.app = 'web';
    });
    const err = conflict(() => apply({ live, applied, now: T1 }));
    expect(err.message).toBe('Apply failed with 2 conflicts: conflicts with "alpha" using apps/v1:\n- .metadata.labels.app\nconflicts with "zeta":\n- .spec.replicas');
  });

  it('does not conflict when the configuration agrees with the other manager, and shares the field', () => {
    const { object, managedFields } = apply({ live: clientSideApplied(), applied: config(), now: T1 });
    expect((object as any).spec.replicas).toBe(3);
    expect((entry(managedFields, 'kubectl')?.fieldsV1 as any)['f:spec']).toHaveProperty('f:replicas');
    expect((entry(managedFields, 'kubectl-client-side-apply')?.fieldsV1 as any)['f:spec']).toHaveProperty('f:replicas');
  });

  it('force takes ownership of the conflicting fields', () => {
    const { object, managedFields } = apply({ live: clientSideApplied(), applied: config((c) => (c.spec.replicas = 5)), force: true, now: T1 });
    expect((object as any).spec.replicas).toBe(5);
    expect((entry(managedFields, 'kubectl-client-side-apply')?.fieldsV1 as any)['f:spec']).not.toHaveProperty('f:replicas');
    expect((entry(managedFields, 'kubectl')?.fieldsV1 as any)['f:spec']).toHaveProperty('f:replicas');
  });

  it('treats an explicit null for someone else\'s field as a conflict', () => {
    const err = conflict(() => apply({ live: clientSideApplied(), applied: config((c) => (c.spec.replicas = null)), now: T1 }));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });

  it('an explicit null removes the field once forced', () => {
    const { object } = apply({ live: clientSideApplied(), applied: config((c) => (c.spec.replicas = null)), force: true, now: T1 });
    expect((object as any).spec).not.toHaveProperty('replicas');
  });

  it('attributes an untracked live object to before-first-apply', () => {
    const live = nginxDeployment();
    const err = conflict(() => apply({ live, applied: config((c) => (c.spec.replicas = 1)), now: T1 }));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  });

  it('never reports identity fields as conflicts', () => {
    const live = clientSideApplied();
    live.metadata.managedFields[0].fieldsV1['f:metadata']['f:name'] = {};
    expect(() => apply({ live, applied: config((c) => (c.metadata.name = 'nginx')), now: T1 })).not.toThrow();
  });
});

describe('serverSideApply: two managers sharing lists', () => {
  const sidecar = (image: string) =>
    config((c) => {
      delete c.metadata.labels;
      c.spec = { template: { spec: { containers: [{ name: 'sidecar', image }] } } };
    });

  it('merges list-map items by key, each manager owning its own', () => {
    const a = apply({ applied: config() });
    const b = apply({ live: a.object, applied: sidecar('busybox:1'), manager: 'mesh', now: T1 });
    expect(containerNames(b.object)).toEqual(['nginx', 'sidecar']);
    const mesh = entry(b.managedFields, 'mesh')?.fieldsV1 as any;
    expect(Object.keys(mesh['f:spec']['f:template']['f:spec']['f:containers'])).toEqual(['k:{"name":"sidecar"}']);

    // kubectl re-applies its own config: the sidecar stays.
    const c = apply({ live: b.object, applied: config((x) => (x.spec.template.spec.containers[0].image = 'nginx:1.16.1')), now: T2 });
    expect(containerNames(c.object)).toEqual(['nginx', 'sidecar']);
    expect((c.object as any).spec.template.spec.containers[0].image).toBe('nginx:1.16.1');

    // mesh drops its sidecar: only its own item goes.
    const d = apply({
      live: c.object,
      applied: config((x) => {
        delete x.spec;
        delete x.metadata.labels;
      }),
      manager: 'mesh',
      now: T2,
    });
    expect(containerNames(d.object)).toEqual(['nginx']);
    expect(entry(d.managedFields, 'mesh')).toBeUndefined();
  });

  it('conflicts when a second manager changes a field inside the first one\'s item', () => {
    const a = apply({ applied: config() });
    const applied = config((c) => {
      delete c.metadata.labels;
      c.spec = { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:latest' }] } } };
    });
    const err = conflict(() => apply({ live: a.object, applied, manager: 'mesh', now: T1 }));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl": .spec.template.spec.containers[name="nginx"].image');
  });

  it('merges fields of the same item from two managers', () => {
    const a = apply({ applied: config() });
    const applied = config((c) => {
      delete c.metadata.labels;
      c.spec = { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'MESH', value: '1' }] }] } } };
    });
    const b = apply({ live: a.object, applied, manager: 'mesh', now: T1 });
    expect((b.object as any).spec.template.spec.containers[0]).toEqual({ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }], env: [{ name: 'MESH', value: '1' }] });
  });

  it('unions set items from two managers', () => {
    const a = apply({ applied: config((c) => (c.metadata.finalizers = ['a'])) });
    const b = apply({ live: a.object, applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', finalizers: ['b'] } }, manager: 'other', now: T1 });
    expect(b.object.metadata.finalizers).toEqual(['a', 'b']);
  });

  it('orders merged items by the applied order, keeping others in place', () => {
    const live = apply({ applied: config((c) => (c.spec.template.spec.containers = [{ name: 'a' }, { name: 'b' }, { name: 'c' }])) }).object;
    const { object } = apply({ live, applied: config((c) => (c.spec.template.spec.containers = [{ name: 'c' }, { name: 'a' }, { name: 'b' }])), now: T1 });
    expect(containerNames(object)).toEqual(['c', 'a', 'b']);
  });
});

describe('serverSideApply: status subresource', () => {
  it('takes only status and records the entry against the subresource', () => {
    const live = apply({ applied: config() }).object;
    const { object, managedFields } = apply({
      live,
      applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx' }, spec: { replicas: 100 }, status: { readyReplicas: 2 } },
      manager: 'controller',
      subresource: 'status',
      now: T1,
    });
    expect((object as any).spec.replicas).toBe(3);
    expect((object as any).status).toEqual({ readyReplicas: 2 });
    expect(entry(managedFields, 'controller')).toMatchObject({ subresource: 'status', fieldsV1: { 'f:status': { 'f:readyReplicas': {} } } });
  });
});
