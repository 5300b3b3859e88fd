/**
 * The fake provider's "server side": which paid jobs exist, when each will be ready, and which
 * scripted failures have been used up. Kept in a JSON file (written atomically) so it survives
 * the SIGKILL tests — like a real provider, a job keeps running while our process is dead.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface LedgerJob {
  jobId: string;
  capability: string;
  idempotencyKey: string;
  createdAt: number;
  readyAt: number;
  costCents: number;
}

export interface LedgerData {
  jobs: LedgerJob[];
  calls: Record<string, number>;
  failuresUsed: Record<string, number>;
}

export class Ledger {
  private data: LedgerData;
  constructor(private readonly file?: string) {
    this.data = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LedgerData) : { jobs: [], calls: {}, failuresUsed: {} };
  }
  private save(): void {
    if (!this.file) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.file);
  }
  addJob(job: LedgerJob): void {
    this.data.jobs.push(job);
    this.save();
  }
  /** The newest job created with this idempotency key. */
  jobByKey(idempotencyKey: string): LedgerJob | undefined {
    return this.data.jobs.filter((j) => j.idempotencyKey === idempotencyKey).at(-1);
  }
  job(jobId: string): LedgerJob | undefined {
    return this.data.jobs.find((j) => j.jobId === jobId);
  }
  countCall(op: string): number {
    this.data.calls[op] = (this.data.calls[op] ?? 0) + 1;
    this.save();
    return this.data.calls[op]!;
  }
  /** Consumes the next scripted failure for `op`, if any is left. */
  takeFailure(op: string, available: number): number | undefined {
    const used = this.data.failuresUsed[op] ?? 0;
    if (used >= available) return undefined;
    this.data.failuresUsed[op] = used + 1;
    this.save();
    return used;
  }
  snapshot(): LedgerData {
    return JSON.parse(JSON.stringify(this.data)) as LedgerData;
  }
  static read(file: string): LedgerData {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LedgerData) : { jobs: [], calls: {}, failuresUsed: {} };
  }
}
