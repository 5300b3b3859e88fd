/**
 * The chat after the ad is made (issue 19 #4): "make the CTA 'Order today'", "shorten line 2",
 * "line 3: Ready when you are". Signed in, the model calls `revise_ad` with typed changes (checked
 * with zod); offline the script reads a few plain forms into the same changes. Either way
 * `reviseAd` makes only what changed again and the chat says what it did. Pure, but for the words.
 */
import { z } from 'zod';
import { AdChange, type AdCopy, type AdRevisionResult } from '../../../shared/domain/revise';

export const REVISE_AD_TOOL = 'revise_ad';

/** What the model proposes for a finished ad: its reply and the changes, applied in order. */
export const AdRevisionCall = z
  .object({
    reply: z.string().trim().min(1).max(2000).describe('What you say to the creator about the change (short).'),
    changes: z.array(AdChange).min(1).max(12),
  })
  .strict();
export type AdRevisionCall = z.infer<typeof AdRevisionCall>;

const Q = `["'“‘«]`;
const UNQ = `["'”’»]`;
const quoted = (s: string) => s.trim().replace(new RegExp(`^${Q}`, 'u'), '').replace(new RegExp(`${UNQ}\\.?$`, 'u'), '').trim();

type Form = [RegExp, (m: RegExpExecArray) => unknown];
const FORMS: Form[] = [
  [/^(?:please\s+)?shorten\s+(?:the\s+)?(?:line|scene)\s+(\d+)(?:'s line)?\.?$/iu, (m) => ({ op: 'shorten_line', scene: Number(m[1]) })],
  [/^(?:please\s+)?(?:make|change|set)\s+the\s+(?:cta|call to action|button)\s+(?:to\s+|say\s+|read\s+)?(.+)$/iu, (m) => ({ op: 'set_cta', action: quoted(m[1]!) })],
  [/^(?:cta|call to action)\s*[:=]\s*(.+)$/iu, (m) => ({ op: 'set_cta', action: quoted(m[1]!) })],
  [/^(?:please\s+)?(?:change|set|make)\s+(?:the\s+)?title\s+(?:of\s+scene\s+)?(\d+)\s+(?:to\s+|say\s+|read\s+)?(.+)$/iu, (m) => ({ op: 'set_title', scene: Number(m[1]), title: quoted(m[2]!) })],
  [/^title\s+(?:of\s+scene\s+)?(\d+)\s*[:=]\s*(.+)$/iu, (m) => ({ op: 'set_title', scene: Number(m[1]), title: quoted(m[2]!) })],
  [/^(?:please\s+)?(?:change|set|make)\s+(?:the\s+)?(?:line|voice line)\s+(?:of\s+scene\s+)?(\d+)\s+(?:to\s+|say\s+)?(.+)$/iu, (m) => ({ op: 'set_line', scene: Number(m[1]), line: quoted(m[2]!) })],
  [/^(?:line|voice line)\s+(?:of\s+scene\s+)?(\d+)\s*[:=]\s*(.+)$/iu, (m) => ({ op: 'set_line', scene: Number(m[1]), line: quoted(m[2]!) })],
];

/** Changes read from plain requests, one per line; what looked like a request but was not read. */
export function parseAdRevision(text: string): { changes: AdChange[]; unread: string[] } {
  const changes: AdChange[] = [];
  const unread: string[] = [];
  for (const clause of text.split(/\n+/u).map((c) => c.trim()).filter(Boolean)) {
    const hit = FORMS.map(([re, make]) => {
      const m = re.exec(clause);
      return m ? make(m) : null;
    }).find((x) => x !== null);
    const parsed = hit ? AdChange.safeParse(hit) : null;
    if (parsed?.success) changes.push(parsed.data);
    else if (hit || /\b(line|title|cta|scene|shorten|change)\b/iu.test(clause)) unread.push(clause);
  }
  return { changes, unread };
}

export const AD_REVISION_HELP =
  'Your ad is made. I can still change what it says — for example "make the CTA \'Order today\'", "line 2: Ready when you are", "shorten line 2" or "title 1: Cold brew, done right". Only what changes is made again (a line is spoken again, titles are laid out again); no scene is made again. You can also edit the lines on the right, or in the editor.';

/** The ad as the model sees it: what each scene says, and the CTA. */
export function adCopyForPrompt(copy: AdCopy): string {
  return JSON.stringify({ scenes: copy.scenes.map((s) => ({ scene: s.scene, title: s.title, line: s.line, seconds_for_line: s.windowSeconds })), cta: copy.cta });
}

/** What the chat says after a revision: what changed, what was made again, what does not fit. */
export function describeRevision(r: AdRevisionResult): string {
  const said = r.changed.map((c) => {
    if (c.op === 'set_cta') return `The call to action now reads "${c.text}".`;
    if (c.op === 'set_title') return `Scene ${c.scene}'s title is now "${c.text}".`;
    return `Line ${c.scene} is now "${c.text}".`;
  });
  const again = r.voiceLines
    ? `${r.voiceLines === 1 ? 'One line was' : `${r.voiceLines} lines were`} spoken again by the ad's voice and the captions follow the new speech; no scene was made again.`
    : 'Only the text was laid out again; no scene or voice was made again.';
  const flags = r.flags.map((f) => `Line ${f.scene} takes ${f.seconds.toFixed(1)} s but scene ${f.scene} gives it ${f.windowSeconds.toFixed(1)} s, so its end fades out under what follows — say "shorten line ${f.scene}" or write a shorter one.`);
  return [said.join(' '), again, ...flags, 'The ad on the right is rendered again from this version. Changed your mind? "Undo this change" below puts the ad back as it was.'].join('\n\n');
}
