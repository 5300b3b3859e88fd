/**
 * `zapcut <command> [options]`. Each command lives in ./commands/<name>.ts and exports
 * `run(argv): Promise<number>` (the exit code) and a one-line `summary`. Commands print
 * human-readable output; errors are AppErrors with a code and a message that says what to do.
 */
import { toErrorShape } from '../shared/errors';

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  doctor: () => import('./commands/doctor'),
  generate: () => import('./commands/generate'),
  resume: () => import('./commands/resume'),
  'generate-scenes': () => import('./commands/generate-scenes'),
  batch: () => import('./commands/batch'),
  variants: () => import('./commands/variants'),
  pack: () => import('./commands/pack'),
  runs: () => import('./commands/runs'),
  signup: () => import('./commands/signup'),
  login: () => import('./commands/login'),
  logout: () => import('./commands/logout'),
  account: () => import('./commands/account'),
  billing: () => import('./commands/billing'),
  render: () => import('./commands/render'),
  brand: () => import('./commands/brand'),
  brief: () => import('./commands/brief'),
  check: () => import('./commands/check'),
  connect: () => import('./commands/connect'),
  disconnect: () => import('./commands/disconnect'),
  post: () => import('./commands/post'),
  posts: () => import('./commands/posts'),
};

function usage(): string {
  return [
    'Usage: zapcut <command> [options]',
    '',
    'Commands:',
    ...Object.keys(commands).map((name) => `  ${name}`),
    '',
    'Run `zapcut <command> --help` for a command\'s options.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`zapcut: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest);
  } catch (err) {
    const e = toErrorShape(err);
    console.error(`zapcut ${name}: ${e.code}: ${e.message}`);
    return 1;
  }
}
