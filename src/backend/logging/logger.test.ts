import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, formatLine } from './logger';
import { RotatingFile } from './rotating-file';
import { openAppLog } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RotatingFile', () => {
  it('rolls over by size and keeps at most maxFiles, newest first', () => {
    const file = new RotatingFile({ dir, baseName: 'app', maxBytes: 100, maxFiles: 3 });
    for (let i = 0; i < 12; i++) file.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}\n`); // 39 bytes each
    expect(readdirSync(dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(100);
    // 2 lines per file: the current file holds the last two lines, .1 the two before, .2 the two before that.
    expect(readFileSync(join(dir, 'app.log'), 'utf8')).toMatch(/^line 10 .*\nline 11 /);
    expect(readFileSync(join(dir, 'app.1.log'), 'utf8')).toMatch(/^line 08 .*\nline 09 /);
    expect(readFileSync(join(dir, 'app.2.log'), 'utf8')).toMatch(/^line 06 .*\nline 07 /);
    expect(file.files()).toEqual([join(dir, 'app.log'), join(dir, 'app.1.log'), join(dir, 'app.2.log')]);
  });

  it('continues the existing file after a restart instead of truncating it', () => {
    new RotatingFile({ dir, maxBytes: 1000 }).write('before restart\n');
    new RotatingFile({ dir, maxBytes: 1000 }).write('after restart\n');
    expect(readFileSync(join(dir, 'zapcut.log'), 'utf8')).toBe('before restart\nafter restart\n');
  });

  it('writes a single line longer than maxBytes rather than dropping it', () => {
    const file = new RotatingFile({ dir, maxBytes: 10, maxFiles: 2 });
    file.write('a'.repeat(50) + '\n');
    expect(readFileSync(file.currentPath, 'utf8')).toHaveLength(51);
  });
});

describe('createLogger', () => {
  it('writes redacted, timestamped, scoped lines at or above the level', () => {
    const file = new RotatingFile({ dir });
    const clock = () => new Date('2026-01-02T03:04:05.678Z');
    const log = createLogger({ file, level: 'info', clock }).child('proxy');
    log.debug('not written');
    log.info('calling https://proxy.zapcut.app/v1/chat?key=abc123', { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.sigsigsig' } });
    log.child('retry').error('failed with sk-live0123456789abcdefgh');
    const text = readFileSync(file.currentPath, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('2026-01-02T03:04:05.678Z INFO  [proxy] calling https://proxy.zapcut.app/v1/chat?key=[redacted] {"headers":{"Authorization":"[redacted]"}}');
    expect(lines[1]).toBe('2026-01-02T03:04:05.678Z ERROR [proxy:retry] failed with [redacted]');
    expect(text).not.toMatch(/abc123|eyJ|sk-live/);
  });

  it('never throws when the log file cannot be written', () => {
    const file = new RotatingFile({ dir });
    rmSync(dir, { recursive: true, force: true });
    const log = createLogger({ file });
    const origWrite = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(() => log.error('disk gone')).not.toThrow();
    } finally {
      process.stderr.write = origWrite;
    }
  });

  it('formats undefined detail without a trailing payload', () => {
    expect(formatLine(new Date(0), 'warn', null, 'hi')).toBe('1970-01-01T00:00:00.000Z WARN  hi\n');
  });
});

describe('openAppLog', () => {
  it('puts the log in <dataDir>/logs/zapcut.log', () => {
    const appLog = openAppLog(dir);
    appLog.logger.info('started', { version: '0.1.0' });
    expect(appLog.logsDir).toBe(join(dir, 'logs'));
    expect(appLog.logFile).toBe(join(dir, 'logs', 'zapcut.log'));
    expect(readFileSync(appLog.logFile, 'utf8')).toContain('INFO  started {"version":"0.1.0"}');
  });
});
