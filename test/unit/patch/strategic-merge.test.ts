import { describe, it, expect } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import { NO_SCHEMA, strategicMergePatch, type Json } from '../../../durable-objects/apiserver/patch/index.ts';
import { deploymentSchema, nginxDeployment, podSchema } from './schemas.ts';

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

function directiveKeys(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => directiveKeys(x, `${path}[${i}]`));
  if (v && typeof v === 'object') {
    return Object.entries(v).flatMap(([k, x]) => (k.startsWith('$') ? [`${path}.${k}`] : directiveKeys(x, `${path}.${k}`)));
  }
  return [];
}

const names = (list: Array<{ name: string }>): string[] => list.map((c) => c.name);

describe('strategicMergePatch: maps and lists', () => {
  const cases: Array<{ name: string; original: any; patch: any; schema?: typeof podSchema; check: (out: any) => void }> = [
    {
      name: 'merges maps recursively and deletes keys set to null',
      original: pod({ restartPolicy: 'Always' }, { name: 'p', labels: { app: 'a', tier: 'fe' }, annotations: { x: '1' } }),
      patch: { metadata: { labels: { tier: null, env: 'prod' }, annotations: null } },
      check: (o) => {
        expect(o.metadata).toEqual({ name: 'p', labels: { app: 'a', env: 'prod' } });
        expect(o.spec.restartPolicy).toBe('Always');
      },
    },
    {
      name: 'merges containers by name and keeps the others',
      original: pod({ containers: [{ name: 'a', image: 'a:1', imagePullPolicy: 'Always' }, { name: 'b', image: 'b:1' }] }),
      patch: { spec: { containers: [{ name: 'a', image: 'a:2' }] } },
      check: (o) => expect(o.spec.containers).toEqual([{ name: 'a', image: 'a:2', imagePullPolicy: 'Always' }, { name: 'b', image: 'b:1' }]),
    },
    {
      // kube-apiserver (and the kubectl patch docs) put a new item ahead of live items the patch does not name.
      name: 'puts a new container before untouched ones when the patch gives no order',
      original: pod({ containers: [{ name: 'a', image: 'a:1' }] }),
      patch: { spec: { containers: [{ name: 'b', image: 'b:1' }] } },
      check: (o) => expect(o.spec.containers).toEqual([{ name: 'b', image: 'b:1' }, { name: 'a', image: 'a:1' }]),
    },
    {
      name: 'merges ports by containerPort inside a merged container',
      original: pod({ containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] }),
      patch: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 8080 }] }] } },
      check: (o) =>
        expect(o.spec.containers[0].ports).toEqual([{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 8080 }, { containerPort: 443 }]),
    },
    {
      name: 'merges env by name and deletes one with $patch: delete',
      original: pod({ containers: [{ name: 'a', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }] }] }),
      patch: { spec: { containers: [{ name: 'a', env: [{ name: 'B', value: 'two' }, { name: 'C', $patch: 'delete' }] }] } },
      check: (o) => expect(o.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'two' }]),
    },
    {
      name: 'replaces atomic tolerations',
      original: pod({ tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] }),
      patch: { spec: { tolerations: [{ key: 'c', operator: 'Exists' }] } },
      check: (o) => expect(o.spec.tolerations).toEqual([{ key: 'c', operator: 'Exists' }]),
    },
    {
      name: 'replaces atomic args',
      original: pod({ containers: [{ name: 'a', args: ['--x', '--y'] }] }),
      patch: { spec: { containers: [{ name: 'a', args: ['--z'] }] } },
      check: (o) => expect(o.spec.containers[0].args).toEqual(['--z']),
    },
    {
      name: 'merges primitive finalizers as a set',
      original: pod({}, { name: 'p', finalizers: ['a', 'b'] }),
      patch: { metadata: { finalizers: ['b', 'c'] } },
      check: (o) => expect(o.metadata.finalizers).toEqual(['a', 'b', 'c']),
    },
    {
      name: 'merges ownerReferences by uid',
      original: pod({}, { name: 'p', ownerReferences: [{ uid: 'u1', name: 'rs-1', kind: 'ReplicaSet' }] }),
      patch: { metadata: { ownerReferences: [{ uid: 'u1', controller: true }, { uid: 'u2', name: 'other', kind: 'Job' }] } },
      check: (o) =>
        expect(o.metadata.ownerReferences).toEqual([
          { uid: 'u1', name: 'rs-1', kind: 'ReplicaSet', controller: true },
          { uid: 'u2', name: 'other', kind: 'Job' },
        ]),
    },
    {
      name: 'honours $retainKeys on a volume when switching its source',
      original: pod({ volumes: [{ name: 'v', configMap: { name: 'cm' } }, { name: 'w', emptyDir: {} }] }),
      patch: { spec: { volumes: [{ name: 'v', $retainKeys: ['name', 'secret'], secret: { secretName: 's' } }] } },
      check: (o) => expect(o.spec.volumes).toEqual([{ name: 'v', secret: { secretName: 's' } }, { name: 'w', emptyDir: {} }]),
    },
    {
      name: 'replaces a whole map with $patch: replace',
      original: pod({}, { name: 'p', labels: { a: '1', b: '2' } }),
      patch: { metadata: { labels: { $patch: 'replace', c: '3' } } },
      check: (o) => expect(o.metadata.labels).toEqual({ c: '3' }),
    },
    {
      name: 'replaces a whole merging list with a $patch: replace element',
      original: pod({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] }),
      patch: { spec: { containers: [{ $patch: 'replace' }, { name: 'c', image: 'c:1' }] } },
      check: (o) => expect(o.spec.containers).toEqual([{ name: 'c', image: 'c:1' }]),
    },
    {
      name: 'deletes a map with $patch: delete',
      original: pod({ containers: [{ name: 'a', resources: { limits: { cpu: '1' } } }] }),
      patch: { spec: { containers: [{ name: 'a', resources: { $patch: 'delete' } }] } },
      check: (o) => expect(o.spec.containers[0]).toEqual({ name: 'a' }),
    },
    {
      name: 'treats $patch: merge as the default merge',
      original: pod({}, { name: 'p', labels: { a: '1' } }),
      patch: { metadata: { labels: { $patch: 'merge', b: '2' } } },
      check: (o) => expect(o.metadata.labels).toEqual({ a: '1', b: '2' }),
    },
    {
      name: 'removes items with $deleteFromPrimitiveList',
      original: pod({}, { name: 'p', finalizers: ['a', 'b', 'c'] }),
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'zz'] } },
      check: (o) => expect(o.metadata.finalizers).toEqual(['a', 'c']),
    },
    {
      name: 'does not create a list for $deleteFromPrimitiveList',
      original: pod({}, { name: 'p' }),
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
      check: (o) => expect(o.metadata).toEqual({ name: 'p' }),
    },
    {
      name: 'takes a new value whole, without its directives or nulls',
      original: pod({}),
      patch: { spec: { containers: [{ name: 'a', env: [{ name: 'X', $patch: 'delete' }, { name: 'Y', value: null }] }], nodeSelector: { $patch: 'delete' } } },
      check: (o) => expect(o.spec).toEqual({ containers: [{ name: 'a', env: [{ name: 'Y' }] }] }),
    },
    {
      name: 'replaces a scalar with a map when the types differ',
      original: pod({ restartPolicy: 'Always' }),
      patch: { spec: { restartPolicy: { weird: true } } },
      check: (o) => expect(o.spec.restartPolicy).toEqual({ weird: true }),
    },
    {
      name: 'replaces every list and merges maps without a schema',
      original: { a: { b: 1, c: [1, 2] }, containers: [{ name: 'x', image: '1' }] },
      patch: { a: { c: [3] }, containers: [{ name: 'x', image: '2' }] },
      schema: NO_SCHEMA,
      check: (o) => expect(o).toEqual({ a: { b: 1, c: [3] }, containers: [{ name: 'x', image: '2' }] }),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = JSON.stringify(c.original);
      const patchBefore = JSON.stringify(c.patch);
      const out = strategicMergePatch(c.original, c.patch, c.schema ?? podSchema);
      c.check(out);
      expect(directiveKeys(out)).toEqual([]);
      expect(JSON.stringify(c.original)).toBe(before);
      expect(JSON.stringify(c.patch)).toBe(patchBefore);
    });
  }

  it('keeps only $retainKeys on the Deployment strategy (retainKeys on a map)', () => {
    const out = strategicMergePatch(nginxDeployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deploymentSchema) as any;
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('deletes the whole object content for a top-level $patch: delete', () => {
    expect(strategicMergePatch({ a: 1 }, { $patch: 'delete' }, NO_SCHEMA)).toEqual({});
  });
});

describe('strategicMergePatch: $setElementOrder', () => {
  const containers = (...ns: string[]) => ns.map((name) => ({ name }));
  const cases: Array<{ name: string; live: string[]; patch: any; expected: string[] }> = [
    { name: 'orders patched and new elements as listed', live: ['a', 'b'], patch: { '$setElementOrder/containers': containers('c', 'b', 'a'), containers: containers('c') }, expected: ['c', 'b', 'a'] },
    { name: 'reorders the live list even when the list itself is not patched', live: ['1', '3', '4', '2', '9'], patch: { '$setElementOrder/containers': containers('4', '2', '3', '1') }, expected: ['4', '2', '3', '1', '9'] },
    { name: 'keeps server-only items next to the items they followed', live: ['1', '2', '9', '3', '4'], patch: { '$setElementOrder/containers': containers('2', '1', '4', '3') }, expected: ['2', '1', '9', '4', '3'] },
    { name: 'keeps the live order when no order is given and the patch follows it', live: ['a', 'b', 'c'], patch: { containers: [{ name: 'c', image: 'x' }] }, expected: ['a', 'b', 'c'] },
    { name: 'follows the patch order for named items without an order', live: ['a', 'b', 'c'], patch: { containers: containers('c', 'a') }, expected: ['b', 'c', 'a'] },
    { name: 'places a new item after the named item it follows', live: ['a', 'b'], patch: { containers: containers('b', 'x') }, expected: ['a', 'b', 'x'] },
    { name: 'appends a new item listed last in $setElementOrder', live: ['a', 'b'], patch: { '$setElementOrder/containers': containers('a', 'b', 'x'), containers: containers('x') }, expected: ['a', 'b', 'x'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = strategicMergePatch(pod({ containers: containers(...c.live) }), { spec: c.patch }, podSchema) as any;
      expect(names(out.spec.containers)).toEqual(c.expected);
    });
  }

  it('orders a primitive merge list, keeping server-only values in place', () => {
    const out = strategicMergePatch(
      pod({}, { name: 'p', finalizers: ['a', 'b', 'd'] }),
      { metadata: { '$setElementOrder/finalizers': ['a', 'b', 'c'], finalizers: ['c'] } },
      podSchema,
    ) as any;
    expect(out.metadata.finalizers).toEqual(['a', 'b', 'c', 'd']);
  });

  it('combines an order with a primitive deletion the way kubectl apply sends it', () => {
    const out = strategicMergePatch(
      pod({}, { name: 'p', finalizers: ['a', 'b'] }),
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a', 'c'], finalizers: ['c'] } },
      podSchema,
    ) as any;
    expect(out.metadata.finalizers).toEqual(['a', 'c']);
  });
});

describe('strategicMergePatch: what kubectl sends', () => {
  it('applies the three-way patch of kubectl apply with a changed image', () => {
    const live = nginxDeployment();
    const patch = {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.16.1', name: 'nginx' }] } } },
    };
    const out = strategicMergePatch(live, patch, deploymentSchema) as any;
    const expected = nginxDeployment();
    expected.spec.template.spec.containers[0].image = 'nginx:1.16.1';
    expect(out).toEqual(expected);
    expect(live.spec.template.spec.containers[0].image).toBe('nginx:1.14.2');
  });

  it('applies kubectl rollout restart', () => {
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-05-01T12:00:00Z' } } } } };
    const out = strategicMergePatch(nginxDeployment(), patch, deploymentSchema) as any;
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'nginx' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-05-01T12:00:00Z' } });
    expect(out.spec.template.spec).toEqual(nginxDeployment().spec.template.spec);
  });

  it('applies kubectl set image', () => {
    const out = strategicMergePatch(nginxDeployment(), { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } }, deploymentSchema) as any;
    expect(out.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] });
  });

  it('applies kubectl rollout pause', () => {
    const out = strategicMergePatch(nginxDeployment(), { spec: { paused: true } }, deploymentSchema) as any;
    expect(out.spec.paused).toBe(true);
  });
});

describe('strategicMergePatch errors', () => {
  const cases: Array<{ name: string; original?: Json; patch: unknown; message: RegExp }> = [
    { name: 'rejects a patch that is not an object', patch: [1], message: /must be a JSON object/ },
    { name: 'rejects a merging list element without its merge key', patch: { spec: { containers: [{ image: 'x' }] } }, message: /does not contain declared merge key: name/ },
    { name: 'rejects a delete directive without the merge key', patch: { spec: { containers: [{ $patch: 'delete' }] } }, message: /does not contain declared merge key/ },
    { name: 'rejects an unknown $patch on a map', patch: { metadata: { labels: { $patch: 'explode' } } }, message: /unknown patch type: "explode"/ },
    { name: 'rejects an unknown $patch in a list', patch: { spec: { containers: [{ name: 'a', $patch: 'explode' }] } }, message: /unknown patch type/ },
    { name: 'rejects patched keys missing from $retainKeys', patch: { spec: { volumes: [{ name: 'v', $retainKeys: ['name'], secret: {} }] } }, message: /retainKeys/ },
    { name: 'rejects a $retainKeys that is not a list', patch: { metadata: { $retainKeys: 'name' } }, message: /invalid patch format of retainKeys/ },
    { name: 'rejects a $setElementOrder that is not a list', patch: { spec: { '$setElementOrder/containers': 'a' } }, message: /setElementOrder/ },
    {
      name: 'rejects a $setElementOrder that contradicts the patch order',
      patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'b' }, { name: 'a' }] } },
      message: /doesn't match its \$setElementOrder list/,
    },
    { name: 'rejects a $deleteFromPrimitiveList that is not a list', patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }, message: /primitive list/ },
    { name: 'rejects lists of lists in a merging list', patch: { metadata: { finalizers: [['a']] } }, message: /lists of lists/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const err = thrown(() => strategicMergePatch(c.original ?? pod({ containers: [{ name: 'a' }], volumes: [{ name: 'v' }] }), c.patch as Json, podSchema));
      expect(err.code).toBe(400);
      expect(err.message).toMatch(c.message);
    });
  }
});
