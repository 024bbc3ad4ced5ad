// Two people on one cluster, one with the edit link and one with the view link: everything either of them (or kubectl)
// changes shows on both pages within seconds, over the live feed, without a reload; the view link cannot write.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, sandbox, type Sandbox } from '../helpers/kubectl.ts';
import { launch, openPage, shot, unexpected, type WatchedPage } from './helpers/browser.ts';
import { NGINX, applyYaml, podYaml, rest } from './helpers/cluster.ts';
import { notReloaded, openCluster, podOnNodes, podsShown, waitForPod, waitForPodGone } from './helpers/pages.ts';

let browser: Browser;
let s: Sandbox;
let edit: WatchedPage;
let view: WatchedPage;

beforeAll(async () => {
  browser = await launch();
  s = await sandbox(inject('baseUrl'), { profile: 'fast', workers: 3 });
  [edit, view] = await Promise.all([openCluster(browser, s.session.editUrl), openCluster(browser, s.session.viewUrl)]);
});

afterAll(async () => {
  await browser?.close();
});

describe('the cluster page, live', () => {
  it('draws the control plane and the workers with their pod CIDRs', async () => {
    for (const { page } of [edit, view]) {
      await page.locator('#nodes .cp .node').first().waitFor();
      expect(await page.locator('#nodes .cp .node').count()).toBe(3);
      expect(await page.locator('#nodes .workers .node').count()).toBe(3);
      expect(await page.locator('#nodes .workers .node[data-node="worker-1"] .facts').textContent()).toMatch(/pod CIDR 10\.244\.\d+\.0\/24/);
    }
  });

  it('shows pods applied with kubectl on both pages, by name, without a reload', async () => {
    const pods = ['kubectl-a', 'kubectl-b'].map((n) => podYaml(n, { labels: { app: 'demo' } }));
    await s.k(['apply', '-f', '-'], [NGINX, ...pods].join('---\n'));
    const started = Date.now();
    for (const { page } of [edit, view]) {
      await waitForPod(page, 'kubectl-a');
      await waitForPod(page, 'kubectl-b');
      expect(await podOnNodes(page, 'kubectl-a').textContent()).toContain('kubectl-a');
      await page.locator('#workloads li.deploy > .row .oname', { hasText: 'nginx-deployment' }).waitFor();
    }
    // the Deployment's pods, once the controllers made them
    const names = await eventually(async () => {
      const out = await s.k(['get', 'pods', '-l', 'app=nginx', '-o', 'name']);
      const list = out.trim().split('\n').filter(Boolean).map((l) => l.replace('pod/', ''));
      return list.length === 3 ? list : undefined;
    }, 15_000, 'three nginx pods').catch(() => [] as string[]);
    for (const { page } of [edit, view]) for (const n of names) await waitForPod(page, n);
    console.log(`kubectl apply -> both pages: ${Date.now() - started} ms (${names.length} Deployment pods)`);
    expect(await notReloaded(edit.page)).toBe(true);
    expect(await notReloaded(view.page)).toBe(true);
  });

  it('draws Deployment -> ReplicaSets (with revision) -> Pods, and Service -> endpoints, through a rollout', async (ctx) => {
    const { page } = view;
    const tree = page.locator('#workloads details[data-ns="default"]');
    const rs = tree.locator('li.deploy li.rs');
    const appeared = await rs.first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!appeared) ctx.skip('no ReplicaSet appeared: the deployment controller is not running');
    await s.k(['apply', '-f', '-'], `${NGINX.replace('nginx:1.14.2', 'nginx:1.16.1')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n`);
    await expect.poll(() => rs.count(), { timeout: 15_000 }).toBe(2);
    await rs.locator('.facts', { hasText: /revision 2 · 3\/3 ready/ }).waitFor({ timeout: 20_000 });
    expect(await rs.locator('.facts').allTextContents()).toEqual(['revision 2 · 3/3 ready', 'revision 1 · 0/0 ready']);
    expect(await tree.locator('li.deploy > .row .facts').textContent()).toContain('nginx:1.16.1');
    const endpoints = tree.locator('li.svc', { has: page.locator('.oname', { hasText: /^nginx$/ }) }).locator('li.ep');
    await expect.poll(() => endpoints.count(), { timeout: 15_000 }).toBe(3);
    for (const t of await endpoints.allTextContents()) expect(t).toMatch(/^10\.244\.\d+\.\d+:80\u2192 nginx-deployment-/);
  });

  it('applies the editor on the edit page and the view page shows the result', async () => {
    const { page } = edit;
    expect(await page.locator('#yaml').inputValue()).toContain('name: nginx-deployment');
    await page.locator('#yaml').fill(podYaml('from-editor', { labels: { app: 'editor' } }));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.locator('#editor .results li', { hasText: 'pod/from-editor created' }).waitFor();
    await waitForPod(view.page, 'from-editor');
    await view.page.locator('#activity li', { hasText: 'pod/from-editor' }).waitFor();
  });

  it('offers no way to write on the view page, and the server refuses the view token', async () => {
    const { page } = view;
    expect(await page.locator('#rights').textContent()).toBe('View only');
    for (const sel of ['#yaml', '#cmd', '#faults', 'button.fault', '#editor', '#command', '#share-edit']) expect(await page.locator(sel).count(), sel).toBe(0);
    expect(await page.locator('#do').isHidden()).toBe(true);
    const first = (await podsShown(page)).keys().next().value!;
    await podOnNodes(page, first).click();
    await page.locator('#inspector pre.yaml').waitFor();
    expect(await page.locator('#inspector button.fault').count()).toBe(0);
    await page.keyboard.press('Escape');
    const viaApply = await applyYaml(s.session, podYaml('nope'), s.session.viewToken);
    expect(viaApply.status).toBe(403);
    const viaApi = await fetch(`${s.session.apiServer}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { authorization: `Bearer ${s.session.viewToken}`, 'content-type': 'application/yaml' }, body: podYaml('nope') });
    expect(viaApi.status).toBe(403);
  });

  it('shows an object as kubectl get -o yaml would, with its events', async () => {
    const { page } = edit;
    await podOnNodes(page, 'kubectl-a').click();
    // first the live copy, then the API's (which carries kubectl's annotation, as `kubectl get -o yaml` shows it)
    const yaml = page.locator('#inspector pre.yaml[data-rv]');
    await yaml.waitFor();
    const text = (await yaml.textContent())!;
    expect(text).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(text).toContain('  name: kubectl-a\n');
    expect(text).toContain('kubectl.kubernetes.io/last-applied-configuration');
    expect(text).not.toContain('managedFields');
    expect(await page.locator('#insp-title').textContent()).toBe('Pod default/kubectl-a');
    await shot(page, 'cluster-edit-inspector');
    await page.keyboard.press('Escape');
    await page.locator('#inspector').waitFor({ state: 'hidden' });
  });

  it('resumes from the last resourceVersion after the feed drops, without a reload', async () => {
    const { page } = view;
    const before = await page.evaluate(() => (globalThis as any).kubeSandbox.live.syncs as number);
    await page.evaluate(() => (globalThis as any).kubeSandbox.live.drop());
    await rest(s.session, '/api/v1/namespaces/default/pods/kubectl-b?gracePeriodSeconds=0', { method: 'DELETE' });
    await applyYaml(s.session, podYaml('while-away'));
    await waitForPod(page, 'while-away', 15_000);
    await waitForPodGone(page, 'kubectl-b', 15_000);
    expect(await page.evaluate(() => (globalThis as any).kubeSandbox.live.syncs as number)).toBeGreaterThan(before);
    expect(await page.evaluate(() => (globalThis as any).kubeSandbox.live.lastSync as string)).toBe('replay');
    expect(await page.locator('#conn').textContent()).toBe('Live');
    expect(await notReloaded(page)).toBe(true);
  });

  it('scales through the command box, and the view page follows', async (ctx) => {
    const probe = await fetch(`${inject('baseUrl')}/api/sessions/${s.session.id}/kubectl`, { method: 'POST', headers: { authorization: `Bearer ${s.session.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ command: 'version --client' }) });
    if (probe.status === 404) ctx.skip('POST /api/sessions/{id}/kubectl is not served yet');
    const { page } = edit;
    await page.locator('#cmd').fill('scale deployment nginx-deployment --replicas=5');
    await page.locator('#cmd').press('Enter');
    await page.locator('#command .term', { hasText: 'deployment.apps/nginx-deployment scaled' }).waitFor();
    await view.page.locator('#workloads .deploy .facts', { hasText: /^5\/5 ready/ }).first().waitFor();
    await eventually(async () => [...(await podsShown(view.page)).keys()].filter((n) => n.startsWith('nginx-deployment-')).length === 5, 15_000, 'five nginx pods on the view page');
    await page.locator('#cmd').fill('get pods -o wide');
    await page.locator('#cmd').press('Enter');
    await page.locator('#command .term', { hasText: /NAME\s+READY\s+STATUS/ }).waitFor();
  });

  it('lists who did what in the activity feed on both pages', async () => {
    for (const { page } of [edit, view]) await page.locator('#activity li', { hasText: 'pod/while-away' }).waitFor();
  });

  it('shows who is here', async () => {
    for (const { page } of [edit, view]) await page.locator('#presence summary', { hasText: '2 here \u00b7 1 editing' }).waitFor();
  });

  it('names the control plane’s static pods by component, and shows any other pod there as a pod with its IP', async () => {
    await s.k(['apply', '-f', '-'], podYaml('on-cp', { node: 'control-plane-1' }));
    for (const { page } of [edit, view]) {
      const box = page.locator('#nodes .cp .node[data-node="control-plane-1"]');
      await expect.poll(() => box.locator('.pod[data-static]').count(), { timeout: 10_000 }).toBe(4);
      const chip = box.locator('.pod[data-name="on-cp"]');
      await chip.waitFor({ timeout: 10_000 });
      expect(await chip.getAttribute('data-static')).toBeNull();
      await expect.poll(async () => (await chip.locator('.pinfo').textContent()) ?? '', { timeout: 15_000 }).toMatch(/^10\.244\./);
      expect(await chip.locator('.pinfo').isVisible()).toBe(true);
    }
  });

  it('says so across the page when a link has lost its token, instead of showing an empty cluster', async () => {
    const bare = await openPage(browser);
    await bare.page.goto(s.session.editUrl.split('#')[0]!);
    await bare.page.locator('#gone').waitFor({ timeout: 10_000 });
    expect(await bare.page.locator('#gone h1').textContent()).toBe('This cluster cannot be shown');
    expect(await bare.page.locator('#app').isHidden()).toBe(true);
    await shot(bare.page, 'link-without-token');
    await bare.context.close();
  });

  it('takes screenshots of the edit and the view page', async () => {
    await edit.page.waitForTimeout(300);
    await shot(edit.page, 'cluster-edit');
    await shot(view.page, 'cluster-view');
  });

  it('logged no errors on either page', () => {
    expect(unexpected(edit.errors)).toEqual([]);
    expect(unexpected(view.errors)).toEqual([]);
  });
});
