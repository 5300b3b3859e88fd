/**
 * The accessibility scan every e2e screen goes through: axe-core (through @axe-core/playwright)
 * with the WCAG 2.0/2.1/2.2 A and AA rules. A screen passes with zero violations; a failure
 * lists each rule with the elements it found, so the fix is obvious from the test output.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Scans the page as it is now (open dialogs included) and fails on any WCAG A/AA violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Let transitions settle: axe reads computed colours, and a fading button is mid-colour.
  await page.evaluate(() => new Promise((r) => (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() => (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() => r(null)))));
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  const report = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`).join('\n')}`);
  expect(report, `accessibility violations on "${screen}"`).toEqual([]);
}
