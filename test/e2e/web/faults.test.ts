// Self-healing, watched by a class: a node failed with one click on the edit page ends with the Deployment's pods
// Running on the other nodes, on the edit page and the view page alike. Needs the faults endpoint and the control
// plane (scheduler, kubelets, node lifecycle, ReplicaSet controller); skipped while the endpoint is not served.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createSession, eventually, type Session } from '../helpers/kubectl.ts';
import { launch, shot, unexpected, type WatchedPage } from './helpers/browser.ts';
import { NGINX, applyYaml } from './helpers/cluster.ts';
import { notReloaded, openCluster, podsShown } from './helpers/pages.ts';

let browser: Browser;
let s: Session;
let edit: WatchedPage;
let view: WatchedPage;
let served = true;

beforeAll(async () => {
  s = await createSession(inject('baseUrl'), { profile: 'fast', workers: 3 });
  const probe = await fetch(`${inject('baseUrl')}/api/sessions/${s.id}/faults`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body: '{}' });
  served = probe.status !== 404;
  if (!served) return;
  browser = await launch();
  [edit, view] = await Promise.all([openCluster(browser, s.editUrl), openCluster(browser, s.viewUrl)]);
});

afterAll(async () => {
  await browser?.close();
});

/** The nginx pods a page shows Running, by node. */
async function runningNginx(page: Page): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, p] of await podsShown(page)) if (name.startsWith('nginx-deployment-') && p.text.includes('10.244.') && p.phase === 'Running') out.set(name, p.node);
  return out;
}

describe('fault injection from the page', () => {
  it('fails a node with one click; the pods end up Running elsewhere on both pages', async (ctx) => {
    if (!served) ctx.skip('POST /api/sessions/{id}/faults is not served yet');
    expect((await applyYaml(s, NGINX)).ok).toBe(true);
    const before = await eventually(async () => {
      const m = await runningNginx(view.page);
      return m.size === 3 ? m : undefined;
    }, 20_000, 'three nginx pods Running');
    // the node with the most nginx pods
    const counts = new Map<string, number>();
    for (const node of before.values()) counts.set(node, (counts.get(node) ?? 0) + 1);
    const victim = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    await edit.page.locator(`#nodes .node[data-node="${victim}"] button.fault`, { hasText: 'Fail node' }).click();
    for (const { page } of [edit, view]) await page.locator(`#nodes .node.down[data-node="${victim}"]`).waitFor({ timeout: 15_000 });
    await shot(edit.page, 'node-failed');
    // while they wait for eviction, the pods on the lost node no longer look healthy (their Ready condition is False)
    for (const { page } of [edit, view]) {
      await eventually(async () => {
        const chips = await page.locator(`#nodes .node[data-node="${victim}"] .pod`).evaluateAll((els) => els.filter((e) => e.getAttribute('data-name')!.startsWith('nginx-deployment-')).map((e) => e.className));
        return chips.every((c) => !/\brunning\b/.test(c));
      }, 15_000, `no green nginx pod left on ${victim}`);
    }
    for (const { page } of [edit, view]) {
      await eventually(async () => {
        const m = await runningNginx(page);
        return m.size === 3 && [...m.values()].every((n) => n !== victim);
      }, 45_000, `three nginx pods Running away from ${victim}`);
    }
    await shot(view.page, 'self-healed-view');
    // and the node comes back
    await edit.page.locator(`#nodes .node[data-node="${victim}"] button.fault`, { hasText: 'Recover' }).click();
    for (const { page } of [edit, view]) await page.locator(`#nodes .node.ready[data-node="${victim}"]`).waitFor({ timeout: 15_000 });
    expect(await notReloaded(edit.page)).toBe(true);
    expect(await notReloaded(view.page)).toBe(true);
  }, 120_000);

  it('crashes a container from the inspector; both pages show the restart on the chip', async (ctx) => {
    if (!served) ctx.skip('POST /api/sessions/{id}/faults is not served yet');
    const before = await runningNginx(view.page);
    const victim = [...before.keys()][0]!;
    await edit.page.locator(`#nodes .pod[data-name="${victim}"]`).click();
    await edit.page.locator('#inspector button.fault', { hasText: 'Crash container' }).click();
    await edit.page.keyboard.press('Escape');
    for (const { page } of [edit, view]) {
      await page.locator(`#nodes .pod[data-name="${victim}"][data-restarts="1"]`).waitFor({ timeout: 15_000 });
      expect(await page.locator(`#nodes .pod[data-name="${victim}"] .pinfo`).textContent()).toContain('\u21bb1');
    }
  }, 60_000);

  it('deletes a pod from the inspector; the ReplicaSet replaces it', async (ctx) => {
    if (!served) ctx.skip('POST /api/sessions/{id}/faults is not served yet');
    const before = await runningNginx(view.page);
    const victim = [...before.keys()][0]!;
    await edit.page.locator(`#nodes .pod[data-name="${victim}"]`).click();
    await edit.page.locator('#inspector button.fault', { hasText: 'Delete pod' }).click();
    await edit.page.keyboard.press('Escape');
    await eventually(async () => {
      const m = await runningNginx(view.page);
      return m.size === 3 && !m.has(victim);
    }, 30_000, 'a replacement pod Running');
  }, 60_000);

  it('logged no errors', (ctx) => {
    if (!served) ctx.skip('POST /api/sessions/{id}/faults is not served yet');
    expect(unexpected(edit.errors)).toEqual([]);
    expect(unexpected(view.errors)).toEqual([]);
  });
});
