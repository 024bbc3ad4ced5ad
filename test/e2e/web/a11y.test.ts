// Readable and keyboard-usable: every text on the cluster page meets WCAG AA contrast in the light and the dark
// scheme, controls are reachable with Tab and show their focus, and the page holds up on a laptop and a projector.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createSession, type Session } from '../helpers/kubectl.ts';
import { launch, shot, unexpected, type WatchedPage } from './helpers/browser.ts';
import { NGINX, applyYaml } from './helpers/cluster.ts';
import { NGINX_SERVICE } from '../../../web/src/lib/examples.ts';
import { openCluster } from './helpers/pages.ts';

let browser: Browser;
let s: Session;
let w: WatchedPage;

/** Pods in every colour a lesson produces: running, failing to pull, crashing, completed, unschedulable. */
const MIXED = `${NGINX}---
${NGINX_SERVICE}---
apiVersion: v1
kind: Pod
metadata:
  name: typo-image
spec:
  containers:
  - name: web
    image: nginx:1.999.0
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: sh
    image: busybox:1.36
    command: ["sh", "-c", "exit 1"]
---
apiVersion: v1
kind: Pod
metadata:
  name: one-shot
spec:
  restartPolicy: Never
  containers:
  - name: sh
    image: busybox:1.36
    command: ["sh", "-c", "echo done"]
---
apiVersion: v1
kind: Pod
metadata:
  name: nowhere-to-go
spec:
  nodeSelector:
    disk: unicorn
  containers:
  - name: web
    image: nginx:1.14.2
`;

beforeAll(async () => {
  browser = await launch();
  s = await createSession(inject('baseUrl'), { profile: 'fast', workers: 2 });
  expect((await applyYaml(s, MIXED)).ok).toBe(true);
  w = await openCluster(browser, s.editUrl);
  await w.page.locator('#nodes .pod[data-name="nowhere-to-go"]').waitFor();
  await w.page.waitForTimeout(3000); // let the kubelets reach their failing states
});

afterAll(async () => {
  await browser?.close();
});

/** Visible text whose contrast with what is behind it is below AA (4.5:1; 3:1 for large text). */
async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const g = globalThis as any;
    const parse = (c: string): number[] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1);
    const lum = (c: number[]) => {
      const [r, gg, b] = c.slice(0, 3).map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * gg! + 0.0722 * b!;
    };
    const background = (el: any): { bg: number[]; opacity: number } => {
      const layers: number[][] = [];
      let opacity = 1;
      for (let a = el; a; a = a.parentElement) {
        const cs = g.getComputedStyle(a);
        opacity *= Number(cs.opacity);
        const c = parse(cs.backgroundColor);
        if (c[3]! > 0) layers.push(c);
        if (c[3] === 1) break;
      }
      let bg = [255, 255, 255, 1];
      for (const l of layers.reverse()) bg = over(l, bg);
      return { bg, opacity };
    };
    const bad: string[] = [];
    for (const el of g.document.querySelectorAll('body *')) {
      const text = [...el.childNodes].filter((n: any) => n.nodeType === 3).map((n: any) => n.textContent).join('').trim();
      if (!text || !el.getClientRects().length) continue;
      const cs = g.getComputedStyle(el);
      if (cs.visibility === 'hidden' || el.closest('[aria-hidden=true]')) continue;
      const { bg, opacity } = background(el);
      const fg = over([...parse(cs.color).slice(0, 3), parse(cs.color)[3]! * opacity], bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)} ${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 30)}"`);
    }
    return [...new Set(bad)];
  });
}

describe('readable', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`meets WCAG AA contrast in the ${scheme} scheme`, async () => {
      const { page } = w;
      // the steady state: no entrance animations or colour transitions half-way
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      expect(await lowContrast(page)).toEqual([]);
      await page.locator('#nodes .pod[data-name="typo-image"]').click();
      await page.locator('#inspector pre.yaml[data-rv]').waitFor();
      expect(await lowContrast(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('.share > summary').click();
      expect(await lowContrast(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('#yaml').fill('kind: Pod\n');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.locator('#editor-errors li').waitFor();
      expect(await lowContrast(page)).toEqual([]);
      await shot(page, `mixed-${scheme}`);
    });
  }
});

describe('keyboard', () => {
  it('reaches a pod with Tab, opens it with Enter, closes with Escape back where it was', async () => {
    const { page } = w;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const manifest = () => page.locator('#yaml').inputValue();
    const before = await manifest();
    let onPod = false;
    let throughEditor = false;
    for (let i = 0; i < 80 && !onPod; i++) {
      // Passing through the YAML editor with Tab moves on and leaves the manifest as it was
      throughEditor ||= await page.evaluate(() => (globalThis as any).document.activeElement?.id === 'yaml');
      await page.keyboard.press('Tab');
      onPod = await page.evaluate(() => !!(globalThis as any).document.activeElement?.matches('#nodes .workers .pod'));
    }
    expect(onPod).toBe(true);
    expect(throughEditor).toBe(true);
    expect(await manifest()).toBe(before);
    const outline = await page.evaluate(() => (globalThis as any).getComputedStyle((globalThis as any).document.activeElement).outlineStyle as string);
    expect(outline).not.toBe('none');
    const name = await page.evaluate(() => (globalThis as any).document.activeElement.dataset.name as string);
    await page.keyboard.press('Enter');
    await page.locator('#inspector').waitFor();
    expect(await page.locator('#insp-title').textContent()).toContain(name);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.id)).toBe('insp-title');
    await page.keyboard.press('Escape');
    await page.locator('#inspector').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.dataset?.name)).toBe(name);
  });
});

describe('the YAML editor and Tab', () => {
  it('indents while editing, and Escape then Tab moves on', async () => {
    const { page } = w;
    const area = page.locator('#yaml');
    const before = await area.inputValue();
    await area.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await area.inputValue()).toBe(`  ${before}`);
    await page.keyboard.press('Shift+Tab');
    expect(await area.inputValue()).toBe(before);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).not.toBe('yaml');
    expect(await area.inputValue()).toBe(before);
  });
});

describe('laptop and projector', () => {
  it('fits a small laptop screen', async () => {
    await w.page.setViewportSize({ width: 1280, height: 720 });
    await w.page.waitForTimeout(200);
    await shot(w.page, 'laptop-1280x720');
  });

  it('has a large-type mode for projectors', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1920, height: 1080 });
    const before = await page.locator('#nodes .pod').first().evaluate((e) => parseFloat((globalThis as any).getComputedStyle(e).fontSize));
    await page.locator('#big').click();
    expect(await page.locator('#big').getAttribute('aria-pressed')).toBe('true');
    const after = await page.locator('#nodes .pod').first().evaluate((e) => parseFloat((globalThis as any).getComputedStyle(e).fontSize));
    expect(after).toBeGreaterThanOrEqual(before * 1.25);
    expect(await lowContrast(page)).toEqual([]);
    await shot(page, 'projector-1920x1080');
    // the trainer hides the editing tools: the cluster takes the width
    const narrow = (await page.locator('#nodes').boundingBox())!.width;
    await page.locator('#hide-tools').click();
    expect(await page.locator('#do').isHidden()).toBe(true);
    expect((await page.locator('#nodes').boundingBox())!.width).toBeGreaterThan(narrow * 1.3);
    await shot(page, 'projector-1920x1080-tools-hidden');
    await page.locator('#hide-tools').click();
    await page.locator('#big').click();
  });

  it('stacks the panels on a narrow screen', async () => {
    await w.page.setViewportSize({ width: 800, height: 1000 });
    await w.page.waitForTimeout(200);
    const [nodes, editor] = await Promise.all([w.page.locator('#nodes').boundingBox(), w.page.locator('#editor').boundingBox()]);
    expect(editor!.y).toBeGreaterThan(nodes!.y);
    await shot(w.page, 'narrow-800');
  });

  it('logged nothing but the failed apply it provoked', () => {
    expect(unexpected(w.errors, [400])).toEqual([]);
  });
});
