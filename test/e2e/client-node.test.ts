// The official JavaScript client (@kubernetes/client-node) against `wrangler dev`: create, list, read and watch.
import { describe, expect, inject, it } from 'vitest';
import { CoreV1Api, KubeConfig, Watch, AppsV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { createSession } from './helpers/kubectl.ts';

describe('@kubernetes/client-node', () => {
  it('creates, lists, reads and watches', async () => {
    const session = await createSession(inject('baseUrl'), { profile: 'fast' });
    const kc = new KubeConfig();
    kc.loadFromString(session.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);

    const events: string[] = [];
    const watch = new Watch(kc);
    const started = await core.listNamespacedConfigMap({ namespace: 'default' });
    const req = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: started.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type, obj: { metadata?: { name?: string } }) => events.push(`${type} ${obj.metadata?.name}`),
      () => {},
    );

    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'from-js' }, data: { hello: 'world' } } });
    expect(created.metadata?.uid).toBeTruthy();
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(list.items.map((i) => i.metadata?.name)).toContain('from-js');
    const read = await core.readNamespacedConfigMap({ name: 'from-js', namespace: 'default' });
    expect(read.data).toEqual({ hello: 'world' });
    const nodes = await core.listNode();
    expect(nodes.items.length).toBeGreaterThan(0);

    const apps = kc.makeApiClient(AppsV1Api);
    const dep = await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'js-deploy' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'js' } }, template: { metadata: { labels: { app: 'js' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } },
      },
    });
    expect(dep.spec?.replicas).toBe(1);

    // The generic object API reads the legacy per-group-version discovery documents.
    const generic = KubernetesObjectApi.makeApiClient(kc);
    const got = await generic.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'js-deploy', namespace: 'default' } });
    expect(got.metadata?.name).toBe('js-deploy');

    const deadline = Date.now() + 5_000;
    while (!events.includes('ADDED from-js') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    req.abort();
    expect(events).toContain('ADDED from-js');
  });
});
