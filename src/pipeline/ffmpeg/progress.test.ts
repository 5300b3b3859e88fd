import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClock, parseProgressChunk, parseStderrDuration, parseStderrTime, toReport } from './progress';

// Captured from the bundled FFmpeg 4.1 (`-progress pipe:1 -nostats`, and plain stderr).
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '__fixtures__', name), 'utf8');

describe('progress parser', () => {
  it('parses every -progress block of a real encode', () => {
    const { samples, rest } = parseProgressChunk(fixture('progress-stdout.txt'));
    expect(rest).toBe('');
    expect(samples).toHaveLength(2);
    expect(samples[0]).toEqual({ outTimeS: 2.866732, frame: 126, speed: 5.72, done: false });
    expect(samples[1]!.done).toBe(true);
    expect(samples[1]!.frame).toBe(180);
  });

  it('keeps partial blocks for the next chunk, whatever the split point', () => {
    const text = fixture('progress-stdout.txt');
    for (const cut of [1, 7, 50, 120, text.length - 3]) {
      const a = parseProgressChunk(text.slice(0, cut));
      const b = parseProgressChunk(a.rest + text.slice(cut));
      expect([...a.samples, ...b.samples]).toEqual(parseProgressChunk(text).samples);
    }
  });

  it('reads durations and status times from real stderr', () => {
    expect(parseStderrDuration(fixture('stderr-decode.txt'))).toBeCloseTo(2.02, 2);
    expect(parseStderrTime(fixture('stderr-decode.txt'))).toBeCloseTo(2.02, 2);
    expect(parseStderrTime(fixture('stderr-encode-stats.txt'))).toBeCloseTo(5.9, 2);
    expect(parseStderrDuration(fixture('stderr-missing.txt'))).toBeNull();
  });

  it('parses clocks, rejecting N/A', () => {
    expect(parseClock('01:02:03.5')).toBe(3723.5);
    expect(parseClock('-00:00:00.021333')).toBeCloseTo(-0.021333);
    expect(parseClock('N/A')).toBeNull();
  });

  it('turns samples into percent and ETA', () => {
    const half = toReport({ outTimeS: 5, frame: 150, speed: 1, done: false }, 10, 4);
    expect(half.percent).toBe(50);
    expect(half.etaS).toBeCloseTo(4);
    expect(toReport({ outTimeS: 0, frame: 0, speed: null, done: false }, 10, 1).etaS).toBeNull();
    expect(toReport({ outTimeS: 12, frame: 0, speed: null, done: false }, 10, 1).percent).toBe(99.9);
    expect(toReport({ outTimeS: 10, frame: 0, speed: null, done: true }, 10, 1)).toEqual({ percent: 100, outTimeS: 10, etaS: 0 });
  });
});
