#!/usr/bin/env node
// The headless `zapcut` command. Runs the TypeScript sources through tsx so the CLI, the Electron
// main process and the test harness share one set of services with no separate build step.
import { MIN_NODE, nodeAccepted } from '../scripts/node-version.mjs';

if (!nodeAccepted()) {
  // Native modules are built for the Node `npm run setup` installed with; say so before they fail to load.
  console.error(
    `zapcut needs Node ${MIN_NODE} or newer and this is ${process.version}. Run \`npm run setup\` once (it fetches Node 22 for this project when the machine's is older), then \`npm run zapcut -- …\` runs on it.`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
