import { AppError } from '../../shared/errors';
import type { ConnectionView } from '../../shared/domain/publish';
import { call, connectAndWait, describeConnection, parseNetwork, withBackend } from './publish-cli';

export const summary = 'connect X or LinkedIn for posting: zapcut connect x|linkedin [--no-browser]; `zapcut connect` lists connections';

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: zapcut connect [x|linkedin] [--no-browser]\n  ${summary}`);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('-') && a !== '--no-browser');
  if (unknown) throw new AppError('VALIDATION', `Unknown option ${unknown}. Options: --no-browser.`);
  const name = argv.find((a) => !a.startsWith('-'));
  return withBackend(async (backend) => {
    if (!name) {
      for (const c of await call<ConnectionView[]>(backend, 'publish/connections', {})) console.log(describeConnection(c));
      return 0;
    }
    return connectAndWait(backend, parseNetwork(name), { browser: !argv.includes('--no-browser') });
  });
}
