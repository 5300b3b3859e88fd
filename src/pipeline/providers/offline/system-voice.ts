/**
 * The offline voice is the operating system's own speech engine, run as a separate program the
 * user already has — Zapcut ships no speech engine (eSpeak NG is GPL-3.0 and is never bundled):
 *  - macOS: `say` (always there), to an AIFF file;
 *  - Windows: Windows PowerShell with System.Speech's SpeechSynthesizer, to a WAV file;
 *  - Linux: a user-installed `espeak-ng` or `espeak` (Debian/Ubuntu packages) or `flite` binary.
 * This file finds the engine (once per PATH) and builds each command as an argument array: the
 * text goes through a UTF-8 file, never through a shell or the command line. Pure where it can be
 * (commands and voice lists are tested as data; macOS and Windows are not on the build machines).
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type VoiceEngine = 'say' | 'sapi' | 'espeak-ng' | 'espeak' | 'flite';
export type VoiceAccent = 'american' | 'british' | 'australian';

export interface SystemVoice {
  engine: VoiceEngine;
  /** Absolute path of the program. */
  bin: string;
}

/** The speaking rate engines start from (words per minute). */
export const BASE_WPM = 175;

/** Linux engines in order of preference (eSpeak NG speaks most languages; flite is English only). */
const LINUX: VoiceEngine[] = ['espeak-ng', 'espeak', 'flite'];

/** The program on PATH (with PATHEXT on Windows), or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | null {
  const sep = platform === 'win32' ? ';' : ':';
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

const cache = new Map<string, SystemVoice | null>();

/**
 * The speech engine this machine has, or null (then ads are captions only). `ZAPCUT_OFFLINE_VOICE=none`
 * turns the offline voice off; `=espeak-ng|espeak|flite|say|sapi` picks that engine when present.
 * Cached per platform and PATH (the lookup touches the file system only).
 */
export function detectSystemVoice(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): SystemVoice | null {
  const want = env.ZAPCUT_OFFLINE_VOICE?.trim().toLowerCase() || '';
  const key = `${platform}\0${want}\0${env.PATH ?? env.Path ?? ''}\0${env.SystemRoot ?? ''}`;
  if (cache.has(key)) return cache.get(key)!;
  let found: SystemVoice | null = null;
  if (want !== 'none') {
    const candidates: VoiceEngine[] = platform === 'darwin' ? ['say'] : platform === 'win32' ? ['sapi'] : LINUX;
    for (const engine of candidates.filter((e) => !want || e === want)) {
      const bin = locate(engine, env, platform);
      if (bin) {
        found = { engine, bin };
        break;
      }
    }
  }
  cache.set(key, found);
  return found;
}

function locate(engine: VoiceEngine, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (engine === 'say') return findOnPath('say', env, platform) ?? (exists('/usr/bin/say') ? '/usr/bin/say' : null);
  if (engine === 'sapi') {
    // Windows PowerShell 5.1 (it has System.Speech; PowerShell 7 does not).
    const inbox = path.win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
    return exists(inbox) ? inbox : findOnPath('powershell', env, platform);
  }
  return findOnPath(engine, env, platform);
}

function exists(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What to say when there is no engine: one line for the CLI, the app and the run record. */
export function noVoiceReason(platform: NodeJS.Platform = process.platform): string {
  const install =
    platform === 'darwin'
      ? 'the macOS `say` command was not found'
      : platform === 'win32'
        ? 'Windows PowerShell (System.Speech) was not found'
        : 'install espeak-ng (sudo apt install espeak-ng) or flite for an offline voice';
  return `No offline voice on this machine — the ad has captions only (${install}; or sign in for AI voices).`;
}

/** BCP-47 tag for the accent in a language (`en` + british → en-GB; `es` → es). */
export function localeFor(language: string, accent: VoiceAccent): string {
  const lang = language.toLowerCase().split(/[-_]/)[0] || 'en';
  if (lang !== 'en') return language.replace('_', '-');
  return accent === 'british' ? 'en-GB' : accent === 'australian' ? 'en-AU' : 'en-US';
}

/** eSpeak's own voices from `espeak-ng --voices` (the language column; mbrola voices need extra data, skipped). */
export function parseEspeakVoices(stdout: string): string[] {
  const out: string[] = [];
  for (const line of stdout.split(/\r?\n/).slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || cols[4]!.startsWith('mb/')) continue;
    if (!out.includes(cols[1]!)) out.push(cols[1]!);
  }
  return out;
}

/** macOS voices from `say -v ?`: "Samantha   en_US    # Hello, my name is Samantha." → name and locale. */
export function parseSayVoices(stdout: string): Array<{ name: string; locale: string }> {
  const out: Array<{ name: string; locale: string }> = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^(.+?)\s+([a-z]{2,3}[_-][A-Za-z0-9]+)\s+#/.exec(line);
    if (m) out.push({ name: m[1]!.trim(), locale: m[2]!.replace('_', '-') });
  }
  return out;
}

/**
 * The voice to ask for from the voices the engine lists: the exact locale, else its language,
 * else English (en-US, then any English). `matched` says whether the brief's language was honoured.
 */
export function pickVoice<V>(voices: V[], localeOf: (v: V) => string, wanted: string): { voice: V | null; matched: boolean } {
  const norm = (s: string) => s.toLowerCase().replace('_', '-');
  const lang = (s: string) => norm(s).split('-')[0]!;
  const w = norm(wanted);
  const exact = voices.find((v) => norm(localeOf(v)) === w);
  if (exact) return { voice: exact, matched: true };
  const same = voices.find((v) => lang(localeOf(v)) === lang(w));
  if (same) return { voice: same, matched: true };
  const english = voices.find((v) => norm(localeOf(v)) === 'en-us') ?? voices.find((v) => lang(localeOf(v)) === 'en') ?? null;
  return { voice: english, matched: false };
}

/** eSpeak's voice for a locale: en-GB is Received Pronunciation, en-AU (no Australian voice) British. */
export function espeakVoiceFor(locale: string, available: string[]): { voice: string; matched: boolean } {
  const l = locale.toLowerCase();
  const prefer = l === 'en-gb' ? ['en-gb-x-rp', 'en-gb'] : l === 'en-au' ? ['en-gb'] : l === 'en-us' ? ['en-us'] : [l, l.split('-')[0]!];
  const hit = prefer.find((v) => available.includes(v)) ?? available.find((v) => v.split('-')[0] === l.split('-')[0]);
  if (hit) return { voice: hit, matched: l !== 'en-au' };
  return { voice: available.includes('en-us') ? 'en-us' : 'en', matched: false };
}

/** SAPI's rate (−10…10, 0 = normal, ±10 ≈ 3× / ⅓×) for a words-per-minute target. */
export function sapiRate(wpm: number): number {
  return Math.max(-10, Math.min(10, Math.round((10 * Math.log(wpm / BASE_WPM)) / Math.log(3))));
}

/**
 * The PowerShell script for Windows. Everything variable comes from environment variables
 * (ZAPCUT_TTS_IN/OUT/CULTURE/RATE), so nothing the user wrote is ever parsed as PowerShell.
 * It prints the culture of the voice it used.
 */
export const SAPI_SCRIPT = [
  '$ErrorActionPreference = "Stop"',
  'Add-Type -AssemblyName System.Speech',
  '$s = New-Object System.Speech.Synthesis.SpeechSynthesizer',
  '$want = $env:ZAPCUT_TTS_CULTURE',
  '$voices = @($s.GetInstalledVoices() | Where-Object { $_.Enabled } | ForEach-Object { $_.VoiceInfo })',
  '$v = $voices | Where-Object { $_.Culture.Name -eq $want } | Select-Object -First 1',
  'if (-not $v) { $v = $voices | Where-Object { $_.Culture.TwoLetterISOLanguageName -eq $want.Split("-")[0] } | Select-Object -First 1 }',
  'if (-not $v) { $v = $voices | Where-Object { $_.Culture.TwoLetterISOLanguageName -eq "en" } | Select-Object -First 1 }',
  'if ($v) { $s.SelectVoice($v.Name) }',
  '$s.Rate = [int]$env:ZAPCUT_TTS_RATE',
  '$s.SetOutputToWaveFile($env:ZAPCUT_TTS_OUT)',
  '$s.Speak([System.IO.File]::ReadAllText($env:ZAPCUT_TTS_IN, [System.Text.Encoding]::UTF8))',
  'Write-Output $s.Voice.Culture.Name',
  '$s.Dispose()',
].join('\n');

export interface VoiceCommand {
  bin: string;
  args: string[];
  /** Extra environment for the process (Windows passes its inputs here). */
  env?: Record<string, string>;
  /** The file the engine writes. */
  out: string;
}

export interface SpeakArgs {
  /** A UTF-8 file holding the text. */
  textFile: string;
  /** Where the engine writes (extension .aiff for `say`, .wav otherwise). */
  out: string;
  wpm: number;
  /** Engine voice: an eSpeak language, a `say` voice name, a SAPI culture; null = the engine's default. */
  voice: string | null;
  /** eSpeak's pause between words in 10 ms units (default 2); the timing take uses a long one (speech.ts). */
  wordGap?: number;
}

/** The exact command for one line (pure). */
export function voiceCommand(sys: SystemVoice, a: SpeakArgs): VoiceCommand {
  const wpm = String(Math.round(a.wpm));
  switch (sys.engine) {
    case 'say':
      return { bin: sys.bin, out: a.out, args: [...(a.voice ? ['-v', a.voice] : []), '-r', wpm, '-o', a.out, '-f', a.textFile] };
    case 'sapi':
      return {
        bin: sys.bin,
        out: a.out,
        args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(SAPI_SCRIPT, 'utf16le').toString('base64')],
        env: { ZAPCUT_TTS_IN: a.textFile, ZAPCUT_TTS_OUT: a.out, ZAPCUT_TTS_CULTURE: a.voice ?? 'en-US', ZAPCUT_TTS_RATE: String(sapiRate(a.wpm)) },
      };
    case 'flite':
      return { bin: sys.bin, out: a.out, args: ['-voice', a.voice ?? 'slt', '--setf', `duration_stretch=${(BASE_WPM / a.wpm).toFixed(3)}`, '-f', a.textFile, '-o', a.out] };
    case 'espeak-ng':
    case 'espeak':
      // -b 1: the text file is UTF-8; -g 2: a short gap between words (as before).
      return { bin: sys.bin, out: a.out, args: ['-b', '1', '-v', a.voice ?? 'en-us', '-s', wpm, '-g', String(a.wordGap ?? 2), '-w', a.out, '-f', a.textFile] };
  }
}

/** The command that lists the engine's voices, or null when it has none to list (flite: English; SAPI: chosen inside its script). */
export function listVoicesCommand(sys: SystemVoice): { bin: string; args: string[] } | null {
  if (sys.engine === 'say') return { bin: sys.bin, args: ['-v', '?'] };
  if (sys.engine === 'espeak-ng' || sys.engine === 'espeak') return { bin: sys.bin, args: ['--voices'] };
  return null;
}
