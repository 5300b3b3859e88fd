/**
 * Guards the rule that keeps hard-coded English out of the UI: the project's own ESLint config
 * must (a) flag literal user-visible strings in renderer JSX and (b) find none in the real code.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const probePath = 'src/renderer/src/features/__probe__/Probe.tsx';

const i18nRules = new Set(['i18next/no-literal-string', 'no-restricted-syntax']);

async function literalStringMessages(code: string) {
  const [result] = await eslint.lintText(code, { filePath: probePath });
  return (result?.messages ?? []).filter((m) => m.ruleId && i18nRules.has(m.ruleId));
}

describe('no hard-coded user-visible strings in renderer JSX', () => {
  it('flags JSX text and readable attributes', async () => {
    const messages = await literalStringMessages(
      [
        'export const Greeting = () => <p>Hello there</p>;',
        'export const NameInput = () => <input placeholder="Your name" />;',
        'export const CloseButton = () => <button aria-label="Close dialog" />;',
        'export const Shot = () => <img alt="Product shot" src="x.png" />;',
        "export const Status = ({ ok }: { ok: boolean }) => <p>{ok ? 'Saved' : 'Not saved'}</p>;",
        "export const Tip = () => <span title={'Copy path'}>{`Hello ${1}`}</span>;",
        "export const Arabic = () => <p>{'مرحبا'}</p>;",
      ].join('\n'),
    );
    expect(messages.map((m) => m.line).sort()).toEqual([1, 2, 3, 4, 5, 5, 6, 6, 7]);
  });

  it('allows translated text and non-visible attributes', async () => {
    const messages = await literalStringMessages(
      [
        "import { useTranslation } from 'react-i18next';",
        'export function Toolbar() {',
        '  const { t } = useTranslation();',
        '  return <div className="flex gap-2" data-testid="x" dir="auto" role="status"><p title={t(\'common.close\')}>{t(\'common.save\')}</p>',
        "    <img alt=\"\" src=\"a.png\" /><span aria-hidden>·</span>{[1, 2].map((i) => { const state = i > 1 ? 'done' : 'pending'; return <i key={i} data-state={state} />; })}</div>;",
        '}',
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  });

  // Lints the whole renderer with the project's config: 40–80 s on a loaded 2-core machine. The
  // bound only fails a hung lint; nothing here measures speed.
  it('finds none in the renderer source', { timeout: 240_000 }, async () => {
    const results = await eslint.lintFiles(['src/renderer/src/**/*.tsx']);
    expect(results.length).toBeGreaterThan(10);
    const offenders = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId && i18nRules.has(m.ruleId)).map((m) => `${r.filePath}:${m.line}: ${m.message}`),
    );
    expect(offenders).toEqual([]);
  });
});
