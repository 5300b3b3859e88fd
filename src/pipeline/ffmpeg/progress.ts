/**
 * Pure parsing of FFmpeg progress. Two sources:
 *  - `-progress pipe:1` blocks on stdout (`key=value` lines, each block ends with `progress=…`);
 *    `out_time_us` is microseconds, and so is the misnamed `out_time_ms` (FFmpeg ticket #7345).
 *  - stderr lines (`Duration: 00:00:05.00`, `time=00:00:01.23`) as a fallback and for errors.
 */

export interface ProgressSample {
  /** Output time reached, in seconds. */
  outTimeS: number;
  frame: number | null;
  /** Encoding speed relative to real time (`1.5x` → 1.5), when FFmpeg reports it. */
  speed: number | null;
  done: boolean;
}

export interface ProgressReport {
  /** 0–100, clamped; 100 only when FFmpeg says `progress=end`. */
  percent: number;
  outTimeS: number;
  /** Seconds remaining, extrapolated from the wall time so far; null until there is a rate. */
  etaS: number | null;
}

/** "HH:MM:SS.micro" → seconds; null for "N/A" or garbage. */
export function parseClock(value: string): number | null {
  const m = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (!m) return null;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

function num(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Splits a chunk of `-progress` output into complete blocks. Returns the samples and the
 * unconsumed remainder (a partial block) to prepend to the next chunk.
 */
export function parseProgressChunk(buffer: string): { samples: ProgressSample[]; rest: string } {
  const samples: ProgressSample[] = [];
  let fields: Record<string, string> = {};
  let consumed = 0;
  let lineStart = 0;
  for (let i = 0; i < buffer.length; i++) {
    if (buffer[i] !== '\n') continue;
    const line = buffer.slice(lineStart, i).replace(/\r$/, '');
    lineStart = i + 1;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    fields[key] = value;
    if (key === 'progress') {
      samples.push(toSample(fields));
      fields = {};
      consumed = lineStart;
    }
  }
  return { samples, rest: buffer.slice(consumed) };
}

function toSample(f: Record<string, string>): ProgressSample {
  const us = num(f.out_time_us) ?? num(f.out_time_ms);
  const clock = f.out_time !== undefined ? parseClock(f.out_time) : null;
  const outTimeS = us !== null ? us / 1e6 : (clock ?? 0);
  const speedMatch = f.speed ? /^([\d.]+)x$/.exec(f.speed) : null;
  return {
    outTimeS: Math.max(0, outTimeS),
    frame: num(f.frame),
    speed: speedMatch ? Number(speedMatch[1]) : null,
    done: f.progress === 'end',
  };
}

/** The input duration FFmpeg prints on stderr (`Duration: 00:00:05.00, start: …`), first one. */
export function parseStderrDuration(stderr: string): number | null {
  const m = /Duration: (\d+:\d{2}:\d{2}(?:\.\d+)?)/.exec(stderr);
  return m ? parseClock(m[1]!) : null;
}

/** The last `time=` stamp in a stderr chunk (FFmpeg's status line), or null. */
export function parseStderrTime(stderr: string): number | null {
  const all = [...stderr.matchAll(/time=\s*(-?\d+:\d{2}:\d{2}(?:\.\d+)?)/g)];
  const last = all.at(-1);
  return last ? parseClock(last[1]!) : null;
}

/** Percent and ETA of a sample against the expected output duration and the elapsed wall time. */
export function toReport(sample: ProgressSample, totalS: number, elapsedS: number): ProgressReport {
  if (sample.done) return { percent: 100, outTimeS: sample.outTimeS, etaS: 0 };
  const fraction = totalS > 0 ? Math.min(1, sample.outTimeS / totalS) : 0;
  const percent = Math.min(99.9, Math.max(0, fraction * 100));
  const etaS = fraction > 0 && elapsedS > 0 ? Math.max(0, (elapsedS / fraction) * (1 - fraction)) : null;
  return { percent, outTimeS: sample.outTimeS, etaS };
}
