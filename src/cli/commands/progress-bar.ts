/** A one-line progress bar for the terminal (plain lines when stdout is not a TTY). */
import type { RunEvent } from '../../pipeline/engine/events';

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressLine(e: Extract<RunEvent, { type: 'progress' }>, width = 24): string {
  const filled = Math.round((e.percent / 100) * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const cost = `$${(e.costCents / 100).toFixed(2)}`;
  return `[${bar}] ${e.percent.toFixed(0).padStart(3)}%  ETA ${formatEta(e.etaSeconds).padEnd(6)} ${cost}  ${e.stage}`;
}

export function createReporter(stream: NodeJS.WriteStream = process.stderr, opts: { verbose?: boolean } = {}): (e: RunEvent) => void {
  const tty = stream.isTTY === true;
  let lastPlain = -10;
  return (e) => {
    if (e.type === 'progress') {
      const line = progressLine(e);
      if (tty) stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`);
      else if (e.percent - lastPlain >= 10 || e.percent >= 100) {
        lastPlain = e.percent;
        stream.write(`${line}\n`);
      }
      return;
    }
    const text =
      e.type === 'retry'
        ? `retrying ${e.stepId} in ${(e.delayMs / 1000).toFixed(1)}s (attempt ${e.attempt}): ${e.message}`
        : e.type === 'note'
          ? `${e.stepId}: ${e.message}`
          : e.type === 'step' && e.status === 'failed'
            ? `${e.stepId} failed: ${e.message ?? ''}`
            : opts.verbose && e.type === 'step'
              ? `${e.stepId} ${e.status}`
              : opts.verbose && e.type === 'job'
                ? `${e.stepId}: job ${e.jobId}${e.reused ? ' (re-polling)' : ''}`
                : '';
    if (!text) return;
    stream.write(tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
  };
}
