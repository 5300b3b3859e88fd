#!/usr/bin/env node
// The headless `zapcut` command. Runs the TypeScript sources through tsx so the CLI, the Electron
// main process and the test harness share one set of services with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
