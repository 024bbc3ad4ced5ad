import { describe, it, expect } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import type { ManagedFieldsEntry } from '../../../durable-objects/types.ts';
import { updateManagedFields } from '../../../durable-objects/apiserver/patch/index.ts';
import { deploymentSchema, nginxDeployment } from './schemas.ts';

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T11:00:00Z';

/** The nginx Deployment as `kubectl apply` (client-side) would have created it. */
function created(manager = 'kubectl-client-side-apply'): any {
  const d = nginxDeployment();
  d.metadata.managedFields = updateManagedFields({ old: undefined, updated: d, manager, apiVersion: 'apps/v1', now: T0, schema: deploymentSchema });
  return d;
}

function changed(obj: any, edit: (o: any) => void): any {
  const copy = structuredClone(obj);
  edit(copy);
  return copy;
}

const byManager = (list: ManagedFieldsEntry[]) => Object.fromEntries(list.map((e) => [`${e.manager}/${e.operation}/${e.apiVersion}${e.subresource ? `/${e.subresource}` : ''}`, e]));

describe('updateManagedFields', () => {
  it('records every field of a created object as owned by the creating manager', () => {
    const mf = created().metadata.managedFields;
    expect(mf).toEqual([
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} }, 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:imagePullPolicy': {},
                    'f:name': {},
                    'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                    'f:resources': {},
                  },
                },
                'f:restartPolicy': {},
                'f:terminationGracePeriodSeconds': {},
              },
            },
          },
        },
      },
    ]);
  });

  it('transfers a changed field to the writing manager (kubectl scale)', () => {
    const old = created();
    const updated = changed(old, (o) => (o.spec.replicas = 5));
    const mf = byManager(updateManagedFields({ old, updated, manager: 'kubectl', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema }));
    expect(mf['kubectl/Update/apps/v1']).toMatchObject({ time: T1, fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    expect((mf['kubectl-client-side-apply/Update/apps/v1']?.fieldsV1 as any)['f:spec']).not.toHaveProperty('f:replicas');
    expect(mf['kubectl-client-side-apply/Update/apps/v1']?.time).toBe(T0);
  });

  it('takes a field away from an Apply manager as well', () => {
    const old = created();
    old.metadata.managedFields = [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:paused': {} } } }];
    const updated = changed(old, (o) => (o.spec.replicas = 1));
    const mf = byManager(updateManagedFields({ old, updated, manager: 'hpa', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema }));
    expect(mf['kubectl/Apply/apps/v1']?.fieldsV1).toEqual({ 'f:spec': { 'f:paused': {} } });
    expect(mf['hpa/Update/apps/v1']?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('merges into the existing Update entry of the same manager and apiVersion', () => {
    const first = created('editor');
    const second = changed(first, (o) => (o.metadata.labels.tier = 'web'));
    const mf = updateManagedFields({ old: first, updated: second, manager: 'editor', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema });
    expect(mf).toHaveLength(1);
    expect(mf[0]?.time).toBe(T1);
    expect((mf[0]?.fieldsV1 as any)['f:metadata']['f:labels']).toEqual({ '.': {}, 'f:app': {}, 'f:tier': {} });
  });

  it('keeps a separate entry per apiVersion for the same manager', () => {
    const old = created('editor');
    const updated = changed(old, (o) => (o.spec.replicas = 2));
    const mf = updateManagedFields({ old, updated, manager: 'editor', apiVersion: 'apps/v1beta2', now: T1, schema: deploymentSchema });
    expect(mf.map((e) => e.apiVersion)).toEqual(['apps/v1', 'apps/v1beta2']);
  });

  it('leaves managedFields untouched when nothing changed', () => {
    const old = created();
    const updated = changed(old, (o) => {
      o.metadata.resourceVersion = '43';
      o.metadata.generation = 2;
    });
    const mf = updateManagedFields({ old, updated, manager: 'kubectl', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema });
    expect(mf).toEqual(old.metadata.managedFields);
  });

  it('forgets removed fields and drops entries that end up empty', () => {
    const old = created();
    old.metadata.labels.extra = 'x';
    old.metadata.managedFields.push({ manager: 'labeler', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:extra': {} } } } });
    const updated = changed(old, (o) => delete o.metadata.labels.extra);
    const mf = updateManagedFields({ old, updated, manager: 'kubectl', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema });
    expect(mf.map((e) => e.manager)).toEqual(['kubectl-client-side-apply']);
  });

  it('forgets a removed container for every manager', () => {
    const old = created();
    const updated = changed(old, (o) => (o.spec.template.spec.containers = [{ name: 'other', image: 'x' }]));
    const mf = byManager(updateManagedFields({ old, updated, manager: 'kubectl-edit', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema }));
    const csa = mf['kubectl-client-side-apply/Update/apps/v1']?.fieldsV1 as any;
    expect(csa['f:spec']['f:template']['f:spec']).not.toHaveProperty('f:containers');
    expect((mf['kubectl-edit/Update/apps/v1']?.fieldsV1 as any)['f:spec']['f:template']['f:spec']['f:containers']).toEqual({
      'k:{"name":"other"}': { '.': {}, 'f:image': {}, 'f:name': {} },
    });
  });

  it('tracks only status on the status subresource', () => {
    const old = created();
    const updated = changed(old, (o) => {
      o.status.readyReplicas = 1;
      o.spec.replicas = 9;
    });
    const mf = byManager(updateManagedFields({ old, updated, manager: 'deployment-controller', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema, subresource: 'status' }));
    expect(mf['deployment-controller/Update/apps/v1/status']).toMatchObject({ subresource: 'status', fieldsV1: { 'f:status': { 'f:readyReplicas': {} } } });
  });

  it('ignores status changes written through the main resource', () => {
    const old = created();
    const updated = changed(old, (o) => (o.status.readyReplicas = 0));
    expect(updateManagedFields({ old, updated, manager: 'x', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema })).toEqual(old.metadata.managedFields);
  });

  it('clears tracking when the client sends managedFields [{}]', () => {
    const old = created();
    const updated = changed(old, (o) => (o.metadata.managedFields = [{}]));
    expect(updateManagedFields({ old, updated, manager: 'x', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema })).toEqual([]);
  });

  it('starts from the managedFields a client replaced', () => {
    const old = created();
    const mine = [{ manager: 'someone', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:paused': {} } } }];
    const updated = changed(old, (o) => (o.metadata.managedFields = mine));
    expect(updateManagedFields({ old, updated, manager: 'x', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema })).toEqual(mine);
  });

  it('keeps the old managedFields when the client sends an empty list', () => {
    const old = created();
    const updated = changed(old, (o) => (o.metadata.managedFields = []));
    expect(updateManagedFields({ old, updated, manager: 'x', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema })).toEqual(old.metadata.managedFields);
  });

  it('rejects malformed managedFields with a 400', () => {
    const old = created();
    const updated = changed(old, (o) => (o.metadata.managedFields = [{ manager: 'x', operation: 'Frob', fieldsV1: {} }]));
    let err: unknown;
    try {
      updateManagedFields({ old, updated, manager: 'x', apiVersion: 'apps/v1', now: T1, schema: deploymentSchema });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
  });
});
