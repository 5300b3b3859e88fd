/** `zapcut runs [runId]`: recent runs, or one run's steps, jobs and continuity notes. */
import { AppError } from '../../shared/errors';
import { RunInput, isAwaitingApproval } from '../../pipeline/generate';
import type { SceneOutput } from '../../pipeline/stages/scenes';
import type { KeyframeOutput } from '../../pipeline/stages/keyframes';
import { describeGate } from '../../pipeline/quality/scene-gate';
import { describeCharge } from './generate';
import { openCliBackend } from './cli-backend';
import { describeLease, leaseIsLive } from '../../pipeline/engine/lease';
import type { RunStore } from '../../pipeline/engine/store';

/** A run stopped for its picture review reads as waiting, not cancelled. */
const statusOf = (r: Parameters<typeof isAwaitingApproval>[0]) => (isAwaitingApproval(r) ? 'waiting for your approval' : r.status);

/** "  — busy in another Zapcut process (pid …, last heartbeat … ago)" while a live lease holds the run. */
function busyNote(store: RunStore, runId: string): string {
  const lease = store.getLease(runId);
  const now = Date.now();
  return lease && leaseIsLive(lease, now) ? `  — busy in another Zapcut process (${describeLease(lease, now)})` : '';
}

export const summary = 'List recent runs, or show one run\'s steps.';

export async function run(argv: string[]): Promise<number> {
  const backend = openCliBackend();
  try {
    const runId = argv.find((a) => !a.startsWith('-'));
    const { store } = backend.pipeline;
    if (!runId) {
      const runs = store.listRuns(30);
      if (!runs.length) {
        console.log('No runs yet. Start one with `zapcut generate --brief brief.json --out ad.mp4`.');
        return 0;
      }
      for (const r of runs) {
        const input = RunInput.safeParse(r.input);
        const title = input.success ? input.data.brief.product.name : '';
        console.log(`${r.id}  ${statusOf(r).padEnd(9)}  ${r.createdAt.slice(0, 19).replace('T', ' ')}  ${r.provider.padEnd(7)}  $${(r.costCents / 100).toFixed(2).padStart(6)}  ${title}${r.errorMessage ? `  — ${r.errorMessage.split('\n')[0]}` : ''}${busyNote(store, r.id)}`);
      }
      return 0;
    }
    const r = store.getRun(runId);
    if (!r) throw new AppError('NOT_FOUND', `No run "${runId}". List runs with \`zapcut runs\`.`);
    console.log(`Run ${r.id}: ${statusOf(r)}, ${r.provider}, $${(r.costCents / 100).toFixed(2)}${r.errorMessage ? `\n  ${r.errorMessage}` : ''}`);
    const busy = busyNote(store, r.id);
    if (busy) console.log(`  ${busy.slice(4)}`);
    if (r.charge) console.log(`  charge: ${describeCharge(r.charge)} — video ${r.charge.videoId}`);
    for (const s of store.getSteps(runId)) {
      const jobs = Object.entries(s.jobs).map(([k, v]) => `${k}=${v}`).join(' ');
      console.log(`  ${s.stepId.padEnd(12)} ${s.status.padEnd(8)} attempt ${s.attempt}${jobs ? `  jobs: ${jobs}` : ''}${s.error ? `  error: ${s.error.message}` : ''}`);
      // A scene step's stored output (its shape: StepOutputs['scene:N']).
      const cont = s.stepId.startsWith('scene:') && s.status === 'done' ? (s.output as SceneOutput | null)?.continuity : null;
      if (cont) console.log(`      continuity: ${cont.notes} (style strength ${cont.styleStrengthBefore} → ${cont.styleStrengthAfter})`);
      const scene = s.stepId.startsWith('scene:') && s.status === 'done' ? (s.output as SceneOutput | null) : null;
      if (scene?.gate) console.log(`      gate${scene.anchored ? ' (between keyframes)' : ''}: ${describeGate(scene.gate)}`);
      const key = s.stepId.startsWith('keyframe:') && s.status === 'done' ? (s.output as KeyframeOutput | null) : null;
      if (key) console.log(`      keyframe: media ${key.media.slice(0, 12)}, from the ${key.reference.kind}${key.reference.media ? ` ${key.reference.media.slice(0, 12)}` : ''}`);
    }
    return 0;
  } finally {
    backend.close();
  }
}
