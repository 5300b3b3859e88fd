/**
 * A timeline problem (`shared/timeline/issues.ts`) in the person's words (issue 19 #13): items by
 * their names (`refName`), lengths and moments in seconds (frames when the person asked for frames),
 * never an internal id. Used by the editor's refusal notice, its save and load errors, and toasts.
 */
import type { TFunction } from 'i18next';
import { issuesOf, type TimelineIssue } from '../../../../shared/timeline/issues';
import type { AppErrorShape } from '../../../../shared/errors';
import type { TimeUnit } from './format';
import { refName, timeText } from './names';

type EditorT = TFunction<'translation', 'editor'>;

/** Frames that are moments on the timeline; every other frame value is a length. */
const MOMENTS = new Set(['start', 'expected']);

export function issueText(t: EditorT, issue: TimelineIssue, unit: TimeUnit, names: Record<string, string | undefined> = {}): string {
  const time = timeText(t, issue.fps ?? 30, unit);
  const values: Record<string, string | number> = {};
  for (const [k, f] of Object.entries(issue.frames ?? {})) values[k] = MOMENTS.has(k) ? time.at(f) : time.dur(f);
  for (const [k, v] of Object.entries(issue.values ?? {})) values[k] = v;
  if (typeof issue.values?.has === 'string') values.has = t(`issues.kinds.${issue.values.has as 'audio'}`, { defaultValue: t('issues.kinds.file') });
  if (typeof issue.values?.transition === 'string') values.transition = t(issue.values.transition === 'dip' ? 'issues.dip' : 'issues.crossfade');
  values.item = issue.item ? refName(t, issue.item, names) : t('issues.theTimeline');
  if (issue.other) values.other = issue.other.id === issue.item?.id ? t('issues.itself') : refName(t, issue.other, names);
  return (t as unknown as (k: string, o: object) => string)(`issues.${issue.code}`, values);
}

/**
 * What an error says to a person: its timeline problems worded (the first three, then how many
 * more), or null when it carries none and the caller shows what it usually shows.
 */
export function errorIssuesText(t: EditorT, error: Pick<AppErrorShape, 'details'>, unit: TimeUnit): string | null {
  const issues = issuesOf(error.details);
  if (!issues) return null;
  const shown = issues.slice(0, 3).map((i) => issueText(t, i, unit));
  if (issues.length > 3) shown.push(t('issues.more', { count: issues.length - 3 }));
  return shown.join(' ');
}
