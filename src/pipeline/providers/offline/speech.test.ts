// The Linux system voice for real (espeak-ng from Debian, installed by scripts/setup-system.sh): a hostile line in,
// a measured WAV out; an engine that writes nothing is a clear error.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../ffmpeg/binaries';
import { audioContainer, speakToFile, wavDurationSeconds, wordsFromTimingTake } from './speech';
import { speechSpan } from '../../ffmpeg/speech-span';
import { alignWords, EngineTiming, engineWords } from '../../stages/word-align';
import { detectSystemVoice } from './system-voice';

const { ffmpegPath } = resolveBinaries();
const system = detectSystemVoice();

describe('offline voice with the system speech engine', () => {
  it('finds espeak-ng here (scripts/setup-system.sh installs it)', () => {
    expect(system?.engine).toBe('espeak-ng');
  });

  it('speaks quotes, $(), backticks, a leading dash and newlines as text, in the brief’s language', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-voice-test-'));
    const canary = path.join(dir, 'pwned');
    const out = path.join(dir, 'line.wav');
    const text = `-v fr "Quoted" it's $(touch ${canary}) \`touch ${canary}\`;\nsecond line`;
    const r = await speakToFile({ text, voice: 'british', language: 'es', maxSeconds: 20 }, out, { ffmpegPath, system });
    await expect(stat(canary)).rejects.toThrow();
    const wav = await readFile(out);
    expect(audioContainer(wav)).toBe('wav');
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(r.seconds).toBeCloseTo(wavDurationSeconds(wav), 6);
    expect(r.seconds).toBeGreaterThan(1);
    expect(r.voice).toBe('es');
  });

  it('speaks faster to fit the line’s time', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'zapcut-voice-test-')), 'line.wav');
    const r = await speakToFile({ text: 'Twelve words of calm steady energy in every single cup you pour today.', voice: 'american', maxSeconds: 3.5 }, out, { ffmpegPath, system });
    expect(r.wpm).toBeGreaterThan(200);
    expect(r.seconds).toBeLessThanOrEqual(4);
  });

  it('an engine that writes no audio is an error that names it', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'zapcut-voice-test-')), 'line.wav');
    await expect(speakToFile({ text: 'Hello there', voice: 'american', maxSeconds: 3 }, out, { ffmpegPath, system: { engine: 'espeak-ng', bin: '/bin/true' } })).rejects.toThrow(/The system voice \(espeak-ng\) wrote no audio file/);
  });

  it('reads the engine\'s own word timing off a take with long pauses between words, and the words land on the real take\'s pauses', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'zapcut-voice-test-')), 'line.wav');
    const text = 'Smooth, organic cold brew concentrate, steeped for eighteen hours.';
    const r = await speakToFile({ text, voice: 'american', maxSeconds: 6 }, out, { ffmpegPath, system });
    expect(r.words?.map((w) => w.text)).toEqual(text.split(' '));
    const span = await speechSpan(ffmpegPath, out, r.seconds);
    // The timing take's pace is this take's: the summed lengths agree within 10 %.
    const last = r.words![r.words!.length - 1]!;
    expect(Math.abs((span.endS - span.startS) / last.endS - 1)).toBeLessThan(0.1);
    const words = engineWords(text, span, r.words!)!;
    // Each comma's pause in the real take lies between the engine's words around it (±60 ms).
    for (const comma of ['Smooth,', 'concentrate,']) {
      const i = words.findIndex((w) => w.text === comma);
      const pause = span.pauses.find((p) => p.start > words[i]!.startS && p.end < words[i + 1]!.endS);
      expect(pause, `${comma} ${JSON.stringify(span.pauses)} ${JSON.stringify(words)}`).toBeDefined();
      expect(Math.abs(pause!.start - words[i]!.endS)).toBeLessThan(0.06);
      expect(Math.abs(pause!.end - words[i + 1]!.startS)).toBeLessThan(0.06);
    }
    expect(EngineTiming.safeParse({ kind: 'zapcut.word-timing.v1', engine: 'espeak-ng', words: r.words }).success).toBe(true);
    // A different line's timing is refused, and the pause-based alignment stays the fallback.
    expect(engineWords('Two words.', span, r.words!)).toBeNull();
    expect(alignWords(text, span, span.pauses)).toHaveLength(words.length);
  });
});

describe('the engine\'s word timing (pure)', () => {
  it('takes each word\'s sound between the take\'s pauses and keeps only the pause the engine added itself', () => {
    // 3 words; the gap added is 0.6 s, the comma after "One," adds 0.2 s of the engine's own.
    const take = { startS: 0.1, endS: 2.9, durationS: 3.2, pauses: [{ start: 0.5, end: 1.3 }, { start: 1.7, end: 2.3 }, { start: 2.5, end: 2.6 }] };
    expect(wordsFromTimingTake('One, two three', take)).toEqual([
      { text: 'One,', startS: 0, endS: 0.4 },
      { text: 'two', startS: 0.6, endS: 1 },
      { text: 'three', startS: 1, endS: 1.6 },
    ]);
    // Pauses that do not match the words one to one (a URL read as several words): no timing.
    expect(wordsFromTimingTake('One, two', take)).toBeNull();
    expect(wordsFromTimingTake('One two three four', take)).toBeNull();
  });
});

