// `kubectl auth can-i` and `kubectl auth whoami`: the create-only review kinds, answered from the link's rights.
import { describe, expect, it } from 'vitest';
import { kube, newSession, type Kube } from '../helpers/sandbox.ts';

const AUTHZ = '/apis/authorization.k8s.io/v1';
const AUTHN = '/apis/authentication.k8s.io/v1';

function fromHex(hex: string): Uint8Array {
  return new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16)));
}

// Bodies kubectl v1.32 sent (captured with -v=8): `auth can-i get pods --subresource=log -n foo`, `auth can-i --list -n foo`, `auth whoami`.
const KUBECTL_SSAR =
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577123b0a100a0012001a0022002a00320038004200121d0a1b0a03666f6f12036765741a0022002a04706f647332036c6f673a001a08080012001a0020001a002200';
const KUBECTL_SSRR =
  '6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c665375626a65637452756c6573526576696577121f0a100a0012001a0022002a0032003800420012050a03666f6f1a04180022001a002200';
const KUBECTL_SSR =
  '6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375626a656374526576696577121a0a100a0012001a0022002a0032003800420012060a040a0012001a002200';

async function post(k: Kube, path: string, json: unknown): Promise<{ status: number; body: any }> {
  const res = await k(path, { method: 'POST', json });
  return { status: res.status, body: await res.json() };
}

function ssar(attrs: Record<string, string>, nonResource = false) {
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: nonResource ? { nonResourceAttributes: attrs } : { resourceAttributes: attrs } };
}

async function allowed(k: Kube, attrs: Record<string, string>, nonResource = false): Promise<boolean> {
  const r = await post(k, `${AUTHZ}/selfsubjectaccessreviews`, ssar(attrs, nonResource));
  expect(r.status).toBe(201);
  expect(typeof r.body.status.reason).toBe('string');
  return r.body.status.allowed;
}

describe('review kinds in discovery', () => {
  it('serves authorization.k8s.io and authentication.k8s.io with create only', async () => {
    const k = kube(await newSession(), 'view');
    const groups = (await (await k('/apis')).json() as any).groups.map((g: any) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['authorization.k8s.io', 'authentication.k8s.io']));
    expect(await (await k('/apis/authorization.k8s.io')).json()).toMatchObject({ kind: 'APIGroup', preferredVersion: { groupVersion: 'authorization.k8s.io/v1' } });
    const authz = (await (await k(AUTHZ)).json()) as any;
    expect(authz.resources).toEqual([
      { name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] },
      { name: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', namespaced: false, kind: 'SelfSubjectRulesReview', verbs: ['create'] },
    ]);
    const authn = (await (await k(AUTHN)).json()) as any;
    expect(authn.resources).toEqual([{ name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] }]);
  });
});

describe('SelfSubjectAccessReview', () => {
  it('allows an edit link everything', async () => {
    const k = kube(await newSession());
    expect(await allowed(k, { verb: 'create', resource: 'pods', namespace: 'default' })).toBe(true);
    expect(await allowed(k, { verb: 'delete', group: 'apps', resource: 'deployments' })).toBe(true);
    expect(await allowed(k, { verb: 'create', resource: 'pods', subresource: 'exec' })).toBe(true);
    expect(await allowed(k, { verb: 'post', path: '/healthz' }, true)).toBe(true);
  });

  it('allows a view link get, list and watch only, and to ask', async () => {
    const k = kube(await newSession(), 'view');
    for (const verb of ['get', 'list', 'watch']) expect(await allowed(k, { verb, resource: 'pods', namespace: 'default' }), verb).toBe(true);
    for (const verb of ['create', 'update', 'patch', 'delete', 'deletecollection', '*']) expect(await allowed(k, { verb, resource: 'pods' }), verb).toBe(false);
    expect(await allowed(k, { verb: 'get', resource: 'pods', subresource: 'log' })).toBe(true);
    expect(await allowed(k, { verb: 'get', resource: 'pods', subresource: 'exec' })).toBe(false);
    expect(await allowed(k, { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' })).toBe(true);
    expect(await allowed(k, { verb: 'create', group: 'authentication.k8s.io', resource: 'selfsubjectreviews' })).toBe(true);
    expect(await allowed(k, { verb: 'get', path: '/healthz' }, true)).toBe(true);
    expect(await allowed(k, { verb: 'post', path: '/healthz' }, true)).toBe(false);
    const r = await post(k, `${AUTHZ}/selfsubjectaccessreviews`, ssar({ verb: 'delete', resource: 'pods' }));
    expect(r.body).toMatchObject({ kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: { resourceAttributes: { verb: 'delete' } } });
    expect(r.body.status).toEqual({ allowed: false, reason: 'this is a view-only link: it may only get, list and watch' });
  });

  it('rejects a review without exactly one kind of attributes, or of another kind', async () => {
    const k = kube(await newSession());
    const none = await post(k, `${AUTHZ}/selfsubjectaccessreviews`, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {} });
    expect(none.status).toBe(422);
    expect(none.body.message).toContain('exactly one of nonResourceAttributes or resourceAttributes must be specified');
    const both = await post(k, `${AUTHZ}/selfsubjectaccessreviews`, { spec: { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { verb: 'get', path: '/' } } });
    expect(both.status).toBe(422);
    const wrong = await post(k, `${AUTHZ}/selfsubjectaccessreviews`, { apiVersion: 'v1', kind: 'ConfigMap', spec: {} });
    expect(wrong.status).toBe(400);
  });

  it('is create only, cluster-scoped and never stored', async () => {
    const k = kube(await newSession());
    expect((await k(`${AUTHZ}/selfsubjectaccessreviews`)).status).toBe(405);
    expect((await k(`${AUTHZ}/selfsubjectaccessreviews/x`)).status).toBe(404);
    expect((await k(`${AUTHZ}/namespaces/default/selfsubjectaccessreviews`, { method: 'POST', json: ssar({ verb: 'get' }) })).status).toBe(404);
    const before = ((await (await k('/api/v1/namespaces')).json()) as any).metadata.resourceVersion;
    await post(k, `${AUTHZ}/selfsubjectaccessreviews`, ssar({ verb: 'get', resource: 'pods' }));
    const after = ((await (await k('/api/v1/namespaces')).json()) as any).metadata.resourceVersion;
    expect(after).toBe(before);
  });

  it('still refuses a view link every real write', async () => {
    const k = kube(await newSession(), 'view');
    const res = await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } });
    expect(res.status).toBe(403);
  });

  it('answers the protobuf body kubectl sends', async () => {
    const k = kube(await newSession(), 'view');
    const res = await k(`${AUTHZ}/selfsubjectaccessreviews`, {
      method: 'POST',
      body: fromHex(KUBECTL_SSAR),
      headers: { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body.spec.resourceAttributes).toEqual({ namespace: 'foo', verb: 'get', resource: 'pods', subresource: 'log' });
    expect(body.status.allowed).toBe(true);
  });
});

describe('SelfSubjectRulesReview', () => {
  const review = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } };

  it('gives an edit link every verb on everything', async () => {
    const r = await post(kube(await newSession()), `${AUTHZ}/selfsubjectrulesreviews`, review);
    expect(r.status).toBe(201);
    expect(r.body.status).toEqual({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
  });

  it('gives a view link get, list and watch plus the reviews', async () => {
    const k = kube(await newSession(), 'view');
    const res = await k(`${AUTHZ}/selfsubjectrulesreviews`, { method: 'POST', body: fromHex(KUBECTL_SSRR), headers: { 'content-type': 'application/vnd.kubernetes.protobuf' } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body.spec).toEqual({ namespace: 'foo' });
    expect(body.status.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] });
    expect(body.status.resourceRules).toContainEqual({ verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] });
    expect(body.status.resourceRules.some((r: any) => r.verbs.includes('*'))).toBe(false);
    expect(body.status.nonResourceRules).toEqual([{ verbs: ['get'], nonResourceURLs: ['*'] }]);
  });

  it('requires a namespace', async () => {
    const r = await post(kube(await newSession()), `${AUTHZ}/selfsubjectrulesreviews`, { ...review, spec: {} });
    expect(r.status).toBe(422);
    expect(r.body.details.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.namespace' }]);
  });
});

describe('SelfSubjectReview', () => {
  it('names the user and the link rights', async () => {
    const s = await newSession();
    for (const [rights, name] of [
      ['edit', 'sandbox-admin'],
      ['view', 'sandbox-viewer'],
    ] as const) {
      const res = await kube(s, rights)(`${AUTHN}/selfsubjectreviews`, { method: 'POST', body: fromHex(KUBECTL_SSR), headers: { 'content-type': 'application/vnd.kubernetes.protobuf' } });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
        metadata: {},
        status: { userInfo: { username: name, groups: ['system:authenticated'], extra: { 'kube-sandbox.dev/rights': [rights] } } },
      });
    }
  });
});
