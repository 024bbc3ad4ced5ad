// Debian's Chromium driven by playwright-core (never a downloaded browser), pages that record their errors, and
// screenshots under test-results/screenshots.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
export const SHOTS = resolve(import.meta.dirname, '../../../../test-results/screenshots');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors, as text. */
  errors: string[];
}

/** A fresh context (its own storage) and page, recording every page error and console error. */
export async function openPage(browser: Browser, opts: { width?: number; height?: number; scale?: number } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 }, deviceScaleFactor: opts.scale ?? 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, context, errors };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Errors other than the HTTP failures a test provoked on purpose (Chromium logs every 4xx fetch). */
export function unexpected(errors: string[], allowedStatus: number[] = []): string[] {
  return errors.filter((e) => !allowedStatus.some((s) => e.includes(`status of ${s} `)));
}
