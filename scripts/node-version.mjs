// The Node Zapcut needs, read from package.json's `engines.node` (">=22.12"): the one place that
// `npm run setup`, the postinstall line, `npm test` and the `zapcut` command check against.
// Plain Node with no dependencies: it runs before anything is installed.
import { readFileSync } from 'node:fs';

const engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
const [MIN_MAJOR, MIN_MINOR] = /(\d+)\.(\d+)/.exec(engines).slice(1).map(Number);

export { MIN_MAJOR };
/** "22.12": the oldest Node accepted. */
export const MIN_NODE = `${MIN_MAJOR}.${MIN_MINOR}`;

/** Whether a Node version ("22.23.5" or "v22.23.5"; default: this process's) is new enough. */
export function nodeAccepted(version = process.versions.node) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_MAJOR || (major === MIN_MAJOR && minor >= MIN_MINOR);
}
