// What the UI tests look for on a cluster page: pods by name (in the node boxes), the page's live state, no reloads.
import type { Browser, Page } from 'playwright-core';
import { openPage, type WatchedPage } from './browser.ts';

/** Opens a cluster link and waits for its first live render. */
export async function openCluster(browser: Browser, url: string, opts: Parameters<typeof openPage>[1] = {}): Promise<WatchedPage> {
  const w = await openPage(browser, opts);
  await w.page.goto(url);
  await w.page.waitForSelector('html[data-ready]', { timeout: 15_000 });
  // a marker a reload would wipe: the tests prove updates arrive without one
  await w.page.evaluate(() => ((globalThis as Record<string, unknown>).__noReload = true));
  return w;
}

export async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as Record<string, unknown>).__noReload === true);
}

/** A pod's chip inside the node boxes (or the scheduler's tray). */
export const podOnNodes = (page: Page, name: string) => page.locator(`#nodes .pod[data-name="${name}"]`).first();

export async function waitForPod(page: Page, name: string, timeout = 10_000): Promise<void> {
  await podOnNodes(page, name).waitFor({ state: 'attached', timeout });
}

export async function waitForPodGone(page: Page, name: string, timeout = 10_000): Promise<void> {
  await page.locator(`#nodes .pod[data-name="${name}"]`).waitFor({ state: 'detached', timeout });
}

/** name -> { node, phase } of every pod chip the node boxes show. */
export async function podsShown(page: Page): Promise<Map<string, { node: string; phase: string; text: string }>> {
  const rows = await page.$$eval('#nodes .pod', (els) => els.map((e) => {
    const d = (e as unknown as { dataset: Record<string, string> }).dataset;
    return [d.name!, { node: d.node ?? '', phase: d.phase ?? '', text: e.textContent ?? '' }] as const;
  }));
  return new Map(rows);
}
