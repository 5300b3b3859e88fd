/** `zapcut login --email you@example.com [--proxy URL]`: sign in; tokens go to the OS keychain. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { openCliSession, readPassword, rememberProxyUrl, resolveProxyUrl, storeNote } from './account-cli';

export const summary = 'Sign in to your Zapcut account (tokens are kept in the OS keychain).';

const HELP = `Usage: zapcut login --email you@example.com [--proxy URL]

  --email <address>   your account's email
  --proxy <url>       the Zapcut service (default: ZAPCUT_PROXY_URL, else the app's Settings)
  The password is asked for without echo, or read from stdin when piped.`;

export async function authCommand(argv: string[], mode: 'login' | 'signup', help: string): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(help);
    return 0;
  }
  const { values } = parseArgs({ args: argv, options: { email: { type: 'string' }, proxy: { type: 'string' } }, strict: true });
  const email = z.string().trim().email().safeParse(values.email);
  if (!email.success) throw new AppError('VALIDATION', `--email <address> is required.\n\n${help}`);
  const proxyUrl = resolveProxyUrl(values.proxy);
  const session = await openCliSession(proxyUrl);
  const password = await readPassword(mode === 'signup' ? 'Choose a password (8+ characters): ' : 'Password: ');
  const status = mode === 'signup' ? await session.signup(email.data, password) : await session.login(email.data, password);
  rememberProxyUrl(proxyUrl);
  const me = await session.account();
  console.log(`${mode === 'signup' ? 'Account created; signed in' : 'Signed in'} as ${status.email} at ${proxyUrl} (${me.tier} plan, ${me.freeVideosLeft} free video(s) left).`);
  if (me.emailVerified === false) console.log(`Email not verified — check your inbox (${status.email}) and open the link to unlock the free videos; \`zapcut account --resend-verification\` sends a new one.`);
  console.log(session.tokenStore.kind === 'keychain' ? `${storeNote(session.tokenStore)} \`zapcut account\` shows your usage; \`zapcut logout\` signs out.` : storeNote(session.tokenStore));
  return 0;
}

export function run(argv: string[]): Promise<number> {
  return authCommand(argv, 'login', HELP);
}
