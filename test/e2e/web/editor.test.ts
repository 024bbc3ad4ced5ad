// The YAML editor on the edit page: it opens with the lesson's nginx Deployment, applies it, and shows an apply's
// errors at the line they point to.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createSession, type Session } from '../helpers/kubectl.ts';
import { launch, shot, unexpected, type WatchedPage } from './helpers/browser.ts';
import { openCluster } from './helpers/pages.ts';
import { NGINX } from './helpers/cluster.ts';

let browser: Browser;
let s: Session;
let w: WatchedPage;

beforeAll(async () => {
  browser = await launch();
  s = await createSession(inject('baseUrl'), { profile: 'fast' });
  w = await openCluster(browser, s.editUrl);
});

afterAll(async () => {
  await browser?.close();
});

const apply = async (text: string) => {
  await w.page.locator('#yaml').fill(text);
  await w.page.getByRole('button', { name: 'Apply', exact: true }).click();
};

describe('the YAML editor', () => {
  it('opens with the seed nginx Deployment and applies it', async () => {
    const text = await w.page.locator('#yaml').inputValue();
    for (const line of ['apiVersion: apps/v1', 'kind: Deployment', '  name: nginx-deployment', '    app: nginx', '  replicas: 3', '        image: nginx:1.14.2', '        - containerPort: 80']) expect(text).toContain(line);
    await w.page.locator('#yaml').press('Control+Enter');
    await w.page.locator('#editor .results li', { hasText: 'deployment.apps/nginx-deployment created' }).waitFor();
    await w.page.locator('#workloads li.deploy > .row .oname', { hasText: 'nginx-deployment' }).waitFor();
  });

  it('marks a YAML syntax error at its line', async () => {
    await apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n   oops: 1\ndata: {}\n');
    const item = w.page.locator('#editor-errors li').first();
    await item.waitFor();
    expect(await item.getAttribute('data-line')).toBe('4');
    expect(await w.page.locator('#editor .gutter .ln.err').allTextContents()).toEqual(['4']);
    expect(await w.page.locator('#editor .marks .mark').count()).toBe(1);
  });

  it('marks each invalid field at its line, in the document it belongs to', async () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: -1
  selector:
    matchLabels:
      app: bad
  template:
    metadata:
      labels:
        app: bad
    spec:
      containers:
      - name: web
        ports:
        - containerPort: 80
`;
    await apply(text);
    await w.page.locator('#editor-errors li').first().waitFor();
    const lines = await w.page.locator('#editor-errors li').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')));
    // spec.replicas (line 11) and spec.template.spec.containers[0].image, missing: its container (line 21)
    expect(lines).toContain('11');
    expect(lines).toContain('21');
    expect(await w.page.locator('#editor-errors').textContent()).toContain('spec.replicas');
    await shot(w.page, 'editor-error');
  });

  it('marks an unknown field at its line', async () => {
    await apply('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typo\nspec:\n  replicaz: 3\n');
    const item = w.page.locator('#editor-errors li', { hasText: 'unknown field' }).first();
    await item.waitFor();
    expect(await item.getAttribute('data-line')).toBe('6');
  });

  it('clicking an error puts the caret on its line', async () => {
    await w.page.locator('#editor-errors li button.link').first().click();
    const caretLine = await w.page.locator('#yaml').evaluate((ta) => {
      const t = ta as unknown as { value: string; selectionStart: number };
      return t.value.slice(0, t.selectionStart).split('\n').length;
    });
    expect(caretLine).toBe(6);
  });

  it('sends the editor to `kubectl apply -f -` from the command box (or says the server cannot run commands yet)', async () => {
    const { page } = w;
    await page.locator('#yaml').fill(NGINX.replace('replicas: 3', 'replicas: 2'));
    await page.locator('#command .tip', { hasText: 'apply -f -' }).click();
    expect(await page.locator('#cmd').inputValue()).toBe('apply -f -');
    await page.locator('#cmd').press('Enter');
    const term = page.locator('#command .term');
    await term.locator('.prompt', { hasText: '$ kubectl apply -f -' }).waitFor();
    await expect.poll(async () => (await term.textContent())!.split('\n').length, { timeout: 10_000 }).toBeGreaterThan(2);
    const out = (await term.textContent())!;
    await shot(page, 'command-box');
    if (out.includes('does not run kubectl commands yet')) return; // POST /kubectl not served: the box degrades gracefully
    expect(out).toContain('deployment.apps/nginx-deployment configured');
    await page.locator('#cmd').press('ArrowUp');
    expect(await page.locator('#cmd').inputValue()).toBe('apply -f -');
  });

  it('logged nothing but the failed requests it provoked', () => {
    expect(unexpected(w.errors, [400, 404, 422])).toEqual([]);
  });
});
