/** `zapcut logout [--proxy URL]`: revoke the session at the proxy and remove it from the keychain. */
import { parseArgs } from 'node:util';
import { openCliSession, resolveProxyUrl } from './account-cli';

export const summary = 'Sign out (revokes the session and removes it from the OS keychain).';

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: zapcut logout [--proxy URL]');
    return 0;
  }
  const { values } = parseArgs({ args: argv, options: { proxy: { type: 'string' } }, strict: true });
  const proxyUrl = resolveProxyUrl(values.proxy);
  const session = await openCliSession(proxyUrl);
  const was = session.status().email;
  await session.logout();
  console.log(was ? `Signed out ${was} from ${proxyUrl}.` : `Not signed in at ${proxyUrl}.`);
  return 0;
}
