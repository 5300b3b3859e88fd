/**
 * A batch's price before it starts (issue 23), for `zapcut batch` and the app's Batch screen: the
 * proxy prices the rows that still need a video, in file order, by its own rule (POST /v1/quotes:
 * free slots, this month's plan, credits — each after the ones before it), against the account as
 * it is now. Rows whose unfinished run already holds a video are not priced again.
 */
import { AppError } from '../../../shared/errors';
import { resolutionName } from '../../../pipeline/providers/proxy/api';
import type { BatchQuoteAnswer, MeAnswerRead, Resolution } from '../../../shared/domain/account-wire';
import { rowResolution } from './queue';
import { needsVideo, type BatchOptions, type PlannedRow } from './service';

export interface BatchPricing {
  /** Rows that reserve a video when they start (file order). */
  pay: PlannedRow[];
  /** Unfinished rows whose run already holds its video. */
  held: number;
  me: MeAnswerRead;
  answer: BatchQuoteAnswer;
  free: number;
  plan: number;
  credits: number;
  /** The rows the account cannot pay for, with the proxy's reason. */
  refused: { row: PlannedRow; message: string }[];
}

export interface BatchPricer {
  account(): Promise<MeAnswerRead>;
  quoteBatch(videos: { lengthSeconds: number; resolution: Resolution }[]): Promise<BatchQuoteAnswer>;
}

/** Prices `rows` through `pricer`; null when nothing new is paid for (`held` still counts). */
export async function priceBatch(rows: PlannedRow[], options: BatchOptions, pricer: BatchPricer): Promise<{ held: number; pricing: BatchPricing | null }> {
  const pay = rows.filter((r) => needsVideo(r) && r.brief);
  const held = rows.filter((r) => !r.finished && r.runStatus !== 'blocked' && (r.runId || r.brief) && !needsVideo(r)).length;
  if (pay.length === 0) return { held, pricing: null };
  const [me, answer] = await Promise.all([pricer.account(), pricer.quoteBatch(pay.map((r) => ({ lengthSeconds: r.brief!.lengthSeconds, resolution: resolutionName(rowResolution(r.brief!, options)) })))]);
  if (answer.videos.length !== pay.length) throw new AppError('PROVIDER', `The Zapcut service quoted ${answer.videos.length} videos for ${pay.length}; try again.`);
  const count = (source: string) => answer.videos.filter((v) => v.allowed && v.source === source).length;
  const refused = answer.videos.flatMap((v, i) => (v.allowed ? [] : [{ row: pay[i]!, message: v.message }]));
  return { held, pricing: { pay, held, me, answer, free: count('free'), plan: count('plan'), credits: count('credits'), refused } };
}
