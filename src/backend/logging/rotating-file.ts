import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingFileOptions {
  /** Folder the log files live in (created if missing). */
  dir: string;
  /** `zapcut` → zapcut.log, zapcut.1.log (previous), zapcut.2.log, … */
  baseName?: string;
  /** Rotate before a write would make the current file larger than this. */
  maxBytes?: number;
  /** Total files kept, including the current one. */
  maxFiles?: number;
}

/**
 * An append-only log file that rolls over by size: zapcut.log → zapcut.1.log → … and the oldest is
 * deleted. Writes are synchronous on purpose: the last lines before a crash are the ones that
 * matter, and log volume is small (lines, not media). Each rotation step is a rename, so a crash
 * mid-rotation leaves whole files, never a half-written one.
 */
export class RotatingFile {
  readonly dir: string;
  readonly baseName: string;
  readonly maxBytes: number;
  readonly maxFiles: number;
  private size: number;

  constructor(opts: RotatingFileOptions) {
    this.dir = opts.dir;
    this.baseName = opts.baseName ?? 'zapcut';
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.maxFiles = Math.max(1, opts.maxFiles ?? 5);
    mkdirSync(this.dir, { recursive: true });
    this.size = fileSize(this.currentPath);
  }

  get currentPath(): string {
    return this.pathFor(0);
  }

  /** Every log file that exists, newest first. */
  files(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.maxFiles; i++) if (exists(this.pathFor(i))) out.push(this.pathFor(i));
    return out;
  }

  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.currentPath, text);
    this.size += bytes;
  }

  rotate(): void {
    rmSync(this.pathFor(this.maxFiles - 1), { force: true });
    for (let i = this.maxFiles - 2; i >= 0; i--) {
      const from = this.pathFor(i);
      if (exists(from)) renameSync(from, this.pathFor(i + 1));
    }
    this.size = 0;
  }

  private pathFor(index: number): string {
    return join(this.dir, index === 0 ? `${this.baseName}.log` : `${this.baseName}.${index}.log`);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
