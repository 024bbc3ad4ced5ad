// The landing page: two sentences, one button that goes straight to a new cluster's edit link, the commands to use
// it from a terminal; and both pages load fast (their bundles are small).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, openPage, shot, unexpected, type WatchedPage } from './helpers/browser.ts';

let browser: Browser;
let w: WatchedPage;
const base = () => inject('baseUrl');
const DIST = resolve(import.meta.dirname, '../../../web/dist');

beforeAll(async () => {
  browser = await launch();
  w = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe('the landing page', () => {
  it('says what this is, and how to use it from a terminal', async () => {
    const { page } = w;
    await page.goto(base());
    expect(await page.locator('h1').textContent()).toBe('kube-sandbox');
    expect(await page.locator('.lead').textContent()).toMatch(/Kubernetes cluster/);
    const cmds = (await page.locator('pre.cmds').textContent())!;
    expect(cmds).toContain(`curl -s -X POST ${base()}/api/sessions`);
    expect(cmds).toContain('kubectl get nodes');
    const fcp = await page.evaluate(() => (globalThis as any).performance.getEntriesByName('first-contentful-paint')[0]?.startTime as number);
    console.log(`landing: first contentful paint ${fcp.toFixed(0)} ms`);
    await shot(page, 'landing');
  });

  it('creates a cluster and goes straight to its edit link, ready to share', async () => {
    const { page } = w;
    await page.locator('input[name=workers]').fill('3');
    await page.locator('select[name=profile]').selectOption('fast');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'New cluster' }).click();
    await page.waitForURL(/\/s\/[a-z0-9]+$/);
    await page.waitForSelector('html[data-ready]');
    console.log(`New cluster -> cluster drawn: ${Date.now() - t0} ms`);
    // the edit token left the address bar (the page may be projected) but the tab keeps it
    expect(page.url()).not.toContain('#');
    expect(await page.locator('#rights').textContent()).toBe('Edit link');
    await page.locator('#nodes .workers .node').nth(2).waitFor();
    // the view link, for the class
    await page.locator('#copy-view').click();
    const copied = await page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
    expect(copied).toMatch(/\/s\/[a-z0-9]+#[\w-]{20,}$/);
    const viewer = await openPage(browser);
    await viewer.page.goto(copied);
    await viewer.page.waitForSelector('html[data-ready]');
    expect(await viewer.page.locator('#rights').textContent()).toBe('View only');
    await viewer.context.close();
    // the kubeconfig and the two lines that use it
    await page.locator('.share > summary').click();
    expect(await page.locator('#share-edit').inputValue()).toMatch(/#\u2022+$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download kubeconfig' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kubeconfig-\w{8}\.yaml$/);
    const yaml = readFileSync((await download.path())!, 'utf8');
    expect(yaml).toContain('kind: Config');
    expect(await page.locator('.share pre.cmds').textContent()).toBe(`export KUBECONFIG=~/Downloads/${download.suggestedFilename()}\nkubectl get nodes`);
    await shot(page, 'share');
    await page.keyboard.press('Escape');
    // a reload keeps working from this tab
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    expect(await page.locator('#rights').textContent()).toBe('Edit link');
  });

  it('ships small bundles', () => {
    const sizes = ['landing.js', 'cluster.js', 'styles.css'].map((f) => {
      const b = readFileSync(`${DIST}/${f}`);
      return { f, raw: statSync(`${DIST}/${f}`).size, gzip: gzipSync(b).length };
    });
    console.log(sizes.map((s) => `${s.f} ${(s.raw / 1024).toFixed(1)} KiB (${(s.gzip / 1024).toFixed(1)} KiB gzip)`).join(', '));
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    expect(total).toBeLessThan(40 * 1024);
  });

  it('logged no errors', () => {
    expect(unexpected(w.errors)).toEqual([]);
  });
});
