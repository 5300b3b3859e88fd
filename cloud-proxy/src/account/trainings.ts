/**
 * The ledger's side of brand-style (LoRA) trainings: each one is a reservation against the tier's
 * monthly allowance (plans.ts trainingsPerMonth), kept in the user's Durable Object so parallel
 * starts see each other (12 at once against 3 → exactly 3). The same "spent" rule as videos: a
 * training is spent once the trainer produced a version the user can run; one that produced
 * nothing (failed, cancelled, or never started at the provider) is given back, once. A start is
 * idempotent per Idempotency-Key; every change is a ledger line.
 */
import { AccountError, type AccountResult } from './types';

export type TrainingState = 'reserved' | 'spent' | 'refunded';

export interface TrainingView {
  trainingId: string;
  state: TrainingState;
  brandKey: string;
  month: string;
}

type TrainingRow = { id: string; idem_key: string; body_hash: string; brand_key: string; state: TrainingState; month: string };

/** What the Durable Object lends this module: its SQLite and its ledger writer. */
export interface TrainingLedgerPort {
  sql: SqlStorage;
  ledger(kind: string, reservationId: string, reason: string, actor: string): void;
}

export interface TrainingReserveInput {
  trainingId: string;
  idempotencyKey: string;
  bodyHash: string;
  brandKey: string;
  actor: string;
}

const view = (r: TrainingRow): TrainingView => ({ trainingId: r.id, state: r.state, brandKey: r.brand_key, month: r.month });

export class AccountTrainings {
  constructor(private readonly port: TrainingLedgerPort) {}

  /** Trainings that count against `month`: running (reserved) or spent. */
  used(month: string): number {
    return this.port.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM trainings WHERE month = ? AND state IN ('reserved','spent')", month).one().n;
  }

  byKey(idempotencyKey: string): TrainingView | null {
    const r = this.port.sql.exec<TrainingRow>('SELECT * FROM trainings WHERE idem_key = ?', idempotencyKey).toArray()[0];
    return r ? view(r) : null;
  }

  /**
   * Takes one training from the month's allowance, or answers the earlier start made with the same
   * key (a different body under that key is a conflict). Check and write run without an await.
   */
  reserve(input: TrainingReserveInput, allowance: number, month: string, planName: string): AccountResult<{ replay: boolean; training: TrainingView }> {
    const existing = this.port.sql.exec<TrainingRow>('SELECT * FROM trainings WHERE idem_key = ?', input.idempotencyKey).toArray()[0];
    if (existing) {
      if (existing.body_hash !== input.bodyHash) {
        return { ok: false, error: new AccountError(409, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used to start a different training; use a new key for a new training.').toJSON() };
      }
      return { ok: true, value: { replay: true, training: view(existing) } };
    }
    const used = this.used(month);
    if (used >= allowance) {
      const what = allowance === 1 ? 'one brand-style training' : `${allowance} brand-style trainings`;
      return { ok: false, error: new AccountError(402, 'TRAINING_QUOTA', `The ${planName} plan includes ${what} a month and this month's ${allowance === 1 ? 'is' : 'are'} used (a training that fails or is cancelled is given back); upgrade for more, or train again next month.`).toJSON() };
    }
    this.port.sql.exec(
      "INSERT INTO trainings (id, idem_key, body_hash, brand_key, state, month, created_at) VALUES (?, ?, ?, ?, 'reserved', ?, ?)",
      input.trainingId, input.idempotencyKey, input.bodyHash, input.brandKey, month, Date.now(),
    );
    this.port.ledger('training', input.trainingId, `brand style ${input.brandKey}: training ${used + 1} of ${allowance} this month`, input.actor);
    return { ok: true, value: { replay: false, training: view(this.row(input.trainingId)!) } };
  }

  /**
   * The training ended (or never started). `usable`: the trainer produced a version the user can
   * run — the training is spent; otherwise it is given back. Only a reserved training changes
   * (replays and late answers are no-ops); the answer is the training's state after. null: not a
   * training this object reserved (one started before trainings were counted here).
   */
  settle(trainingId: string, usable: boolean, reason: string, actor: string): TrainingView | null {
    const r = this.row(trainingId);
    if (!r) return null;
    if (r.state === 'reserved') {
      const state: TrainingState = usable ? 'spent' : 'refunded';
      this.port.sql.exec('UPDATE trainings SET state = ?, settled_at = ? WHERE id = ?', state, Date.now(), trainingId);
      this.port.ledger(usable ? 'training-spent' : 'training-refund', trainingId, reason, actor);
    }
    return view(this.row(trainingId)!);
  }

  private row(id: string): TrainingRow | undefined {
    return this.port.sql.exec<TrainingRow>('SELECT * FROM trainings WHERE id = ?', id).toArray()[0];
  }
}
