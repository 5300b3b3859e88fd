// Finding the system voice and its exact commands. macOS and Windows are not on the build
// machines: their commands are checked here as data (the argv), not run.
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offlineFamily } from './index';
import { SAPI_SCRIPT, detectSystemVoice, espeakVoiceFor, noVoiceReason, parseEspeakVoices, parseSayVoices, pickVoice, sapiRate, voiceCommand } from './system-voice';

const args = { textFile: '/t/line.txt', out: '/t/line.wav', wpm: 180, voice: 'es' };

async function binDir(...names: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bin-'));
  for (const n of names) {
    await writeFile(path.join(dir, n), '#!/bin/sh\n');
    await chmod(path.join(dir, n), 0o755);
  }
  return dir;
}

describe('system voice detection', () => {
  it('prefers espeak-ng, then espeak, then flite on Linux; none without them', async () => {
    expect(detectSystemVoice({ PATH: await binDir('flite', 'espeak-ng') }, 'linux')?.engine).toBe('espeak-ng');
    const dir = await binDir('flite');
    expect(detectSystemVoice({ PATH: dir }, 'linux')).toEqual({ engine: 'flite', bin: path.join(dir, 'flite') });
    expect(detectSystemVoice({ PATH: await binDir() }, 'linux')).toBeNull();
    expect(detectSystemVoice({ PATH: await binDir('espeak-ng'), ZAPCUT_OFFLINE_VOICE: 'none' }, 'linux')).toBeNull();
  });

  it('without a voice the offline family speaks nothing and says what to install', async () => {
    const family = offlineFamily({ ffmpegPath: '/usr/bin/ffmpeg', env: { PATH: await binDir() } });
    expect(family.speech).toBeUndefined();
    expect(family.speechUnavailableReason).toBe(noVoiceReason('linux'));
    expect(noVoiceReason('linux')).toMatch(/^No offline voice on this machine — the ad has captions only \(install espeak-ng .*sign in for AI voices\)\.$/);
  });
});

describe('voice commands (argv; the text only ever travels in a file)', () => {
  it('espeak-ng / espeak', () => {
    expect(voiceCommand({ engine: 'espeak-ng', bin: '/usr/bin/espeak-ng' }, args)).toEqual({ bin: '/usr/bin/espeak-ng', out: '/t/line.wav', args: ['-b', '1', '-v', 'es', '-s', '180', '-g', '2', '-w', '/t/line.wav', '-f', '/t/line.txt'] });
  });

  it('flite (English only; speed by duration stretch)', () => {
    expect(voiceCommand({ engine: 'flite', bin: '/usr/bin/flite' }, { ...args, voice: null, wpm: 210 }).args).toEqual(['-voice', 'slt', '--setf', 'duration_stretch=0.833', '-f', '/t/line.txt', '-o', '/t/line.wav']);
  });

  it('macOS say', () => {
    expect(voiceCommand({ engine: 'say', bin: '/usr/bin/say' }, { ...args, out: '/t/line.aiff', voice: 'Mónica' }).args).toEqual(['-v', 'Mónica', '-r', '180', '-o', '/t/line.aiff', '-f', '/t/line.txt']);
  });

  it('Windows SpeechSynthesizer: a fixed script, its inputs in environment variables', () => {
    const cmd = voiceCommand({ engine: 'sapi', bin: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' }, { ...args, voice: 'es-ES', wpm: 262 });
    expect(cmd.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(Buffer.from(cmd.args[5]!, 'base64').toString('utf16le')).toBe(SAPI_SCRIPT);
    expect(cmd.env).toEqual({ ZAPCUT_TTS_IN: '/t/line.txt', ZAPCUT_TTS_OUT: '/t/line.wav', ZAPCUT_TTS_CULTURE: 'es-ES', ZAPCUT_TTS_RATE: '4' });
    expect(SAPI_SCRIPT).toContain('SetOutputToWaveFile($env:ZAPCUT_TTS_OUT)');
    expect([sapiRate(175), sapiRate(60), sapiRate(600)]).toEqual([0, -10, 10]);
  });
});

describe('voice choice: the brief’s language when the engine has it, else English', () => {
  it('eSpeak', () => {
    const listed = parseEspeakVoices(
      ['Pty Language       Age/Gender VoiceName          File                 Other Languages', ' 5  es              --/M      Spanish_(Spain)    roa/es', ' 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)', ' 5  en-gb-x-rp      --/M      English_(RP) gmw/en-GB-x-rp       (en-gb 4)', ' 5  de              --/F      german-mbrola      mb/mb-de5'].join('\n'),
    );
    expect(listed).toEqual(['es', 'en-us', 'en-gb-x-rp']);
    expect(espeakVoiceFor('es-MX', listed)).toEqual({ voice: 'es', matched: true });
    expect(espeakVoiceFor('en-GB', listed)).toEqual({ voice: 'en-gb-x-rp', matched: true });
    expect(espeakVoiceFor('de', listed)).toEqual({ voice: 'en-us', matched: false });
    expect(espeakVoiceFor('en-AU', listed)).toEqual({ voice: 'en-us', matched: false });
  });

  it('macOS', () => {
    const voices = parseSayVoices('Albert              en_US    # Hello! My name is Albert.\nEddy (Spanish (Mexico)) es_MX    # ¡Hola! Me llamo Eddy.\nDaniel              en_GB    # Hello, my name is Daniel.\n');
    expect(voices).toEqual([
      { name: 'Albert', locale: 'en-US' },
      { name: 'Eddy (Spanish (Mexico))', locale: 'es-MX' },
      { name: 'Daniel', locale: 'en-GB' },
    ]);
    expect(pickVoice(voices, (v) => v.locale, 'es')).toEqual({ voice: voices[1], matched: true });
    expect(pickVoice(voices, (v) => v.locale, 'en-GB').voice?.name).toBe('Daniel');
    expect(pickVoice(voices, (v) => v.locale, 'fr-FR')).toEqual({ voice: voices[0], matched: false });
  });
});
