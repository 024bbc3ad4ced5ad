import { describe, it, expect } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import { applyPatch, serverSideApply, strategicMergePatch, type PatchType } from '../../../durable-objects/apiserver/patch/index.ts';
import { deploymentSchema, nginxDeployment, podSchema } from './schemas.ts';

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('applyPatch', () => {
  const cases: Array<{ name: string; type: string; body: unknown; check: (o: any) => void }> = [
    {
      name: 'applies the strategic merge patch kubectl apply sends for a changed image',
      type: 'application/strategic-merge-patch+json',
      body: '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.16.1","name":"nginx"}]}}}}',
      check: (o) => {
        expect(o.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.16.1', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }]);
        expect(JSON.stringify(o)).not.toContain('$setElementOrder');
      },
    },
    {
      name: 'applies the strategic merge patch of kubectl rollout restart',
      type: 'application/strategic-merge-patch+json',
      body: '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T12:00:00+02:00"}}}}}',
      check: (o) => expect(o.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2024-05-01T12:00:00+02:00' }),
    },
    { name: 'applies the merge patch of kubectl scale', type: 'application/merge-patch+json', body: { spec: { replicas: 7 } }, check: (o) => expect(o.spec.replicas).toBe(7) },
    {
      name: 'applies a JSON patch from bytes',
      type: 'application/json-patch+json',
      body: new TextEncoder().encode('[{"op":"replace","path":"/spec/replicas","value":0}]'),
      check: (o) => expect(o.spec.replicas).toBe(0),
    },
    { name: 'accepts media type parameters', type: 'application/merge-patch+json; charset=utf-8', body: '{"metadata":{"labels":null}}', check: (o) => expect(o.metadata).not.toHaveProperty('labels') },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const original = nginxDeployment();
      const before = JSON.stringify(original);
      c.check(applyPatch(c.type as PatchType, original, c.body, deploymentSchema));
      expect(JSON.stringify(original)).toBe(before);
    });
  }

  const errors: Array<{ name: string; type: string; body: unknown; code: number; message: RegExp }> = [
    { name: 'rejects malformed JSON', type: 'application/merge-patch+json', body: '{"spec":', code: 400, message: /error decoding patch/ },
    { name: 'rejects an unknown patch type with 415', type: 'application/xml', body: '{}', code: 415, message: /accepted media types include/ },
    { name: 'rejects a merge patch that is not an object', type: 'application/merge-patch+json', body: '[1]', code: 400, message: /must be a JSON object/ },
    { name: 'rejects a JSON patch whose result is not an object', type: 'application/json-patch+json', body: '[{"op":"replace","path":"","value":[1]}]', code: 400, message: /not a JSON object/ },
    { name: 'reports a JSON patch that does not apply as 422', type: 'application/json-patch+json', body: '[{"op":"remove","path":"/spec/nope"}]', code: 422, message: /doc is missing path/ },
  ];
  for (const c of errors) {
    it(c.name, () => {
      const err = failure(() => applyPatch(c.type as PatchType, nginxDeployment(), c.body, deploymentSchema));
      expect(err.code).toBe(c.code);
      expect(err.message).toMatch(c.message);
    });
  }
});

// Workerd freezes the clock during synchronous work, so these only check large inputs behave; timing is not asserted.
describe('large lists', () => {
  const many = (n: number, image: string) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image, env: [{ name: 'A', value: String(i) }] }));

  it('strategic-merges 3000 reordered containers by key', () => {
    const original = { spec: { containers: many(3000, 'v1') } };
    const out = strategicMergePatch(original, { spec: { containers: many(3000, 'v2').reverse() } }, podSchema) as any;
    expect(out.spec.containers).toHaveLength(3000);
    expect(out.spec.containers[0]).toMatchObject({ name: 'c2999', image: 'v2' });
  });

  it('server-side applies 3000 containers, then prunes half of them', () => {
    const cfg = (containers: unknown[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers } });
    const first = serverSideApply({ live: undefined, applied: cfg(many(3000, 'v1')), manager: 'm', schema: podSchema, now: 0 });
    const second = serverSideApply({ live: first.object, applied: cfg(many(1500, 'v1')), manager: 'm', schema: podSchema, now: 1000 });
    expect((second.object as any).spec.containers).toHaveLength(1500);
  });
});
