#!/usr/bin/env node
// `npm start`: builds and opens the desktop app (electron-vite preview). On a machine that cannot
// show a window it says so in one line and names the headless ways in, instead of a stack trace.
import { spawn } from 'node:child_process';

const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless) {
  console.error(
    'npm start opens the desktop app, which needs a display (no DISPLAY or WAYLAND_DISPLAY here). Headless: `npm run zapcut -- generate --brief resources/briefs/example.json --out ad.mp4`, or `npm run harness` for the app in a browser.',
  );
  process.exit(1);
}
// Electron downloads its binary on the first start (internet needed once).
const child = spawn('npx', ['electron-vite', 'preview', ...process.argv.slice(2)], { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
