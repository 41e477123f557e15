/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The three screens of the issue: the kiosk's touch panel, a phone, a desktop. */
export const screens = [
  { name: 'kiosk', width: 800, height: 480, touch: true },
  { name: 'phone', width: 390, height: 844, touch: true },
  { name: 'desktop', width: 1440, height: 900, touch: false },
] as const;

/** Serious and critical accessibility problems on what the page shows now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Visible text rendered smaller than `min` px, as "size px: text", in the element `within` (default the body). */
export function smallText(page: Page, min: number, within = 'body'): Promise<string[]> {
  return page.evaluate(
    ([min, within]) => {
      const out: string[] = [];
      const root = document.querySelector(within) ?? document.body;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent?.trim() || el.closest('.sr-only, .label-wide')) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || !el.checkVisibility()) continue;
        const size = Number.parseFloat(getComputedStyle(el).fontSize);
        if (size < min) out.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
      }
      return out;
    },
    [min, within] as const,
  );
}

/** True when the element's centre is not covered by anything else (e.g. the settings sheet). */
export function uncovered(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === el || el.contains(hit);
  });
}
