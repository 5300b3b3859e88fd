// The Linux system voice for real (espeak-ng from Debian, installed by scripts/setup-system.sh): a hostile line in,
// a measured WAV out; an engine that writes nothing is a clear error.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../ffmpeg/binaries';
import { audioContainer, speakToFile, wavDurationSeconds } from './speech';
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
});
