/** `zapcut signup --email you@example.com [--proxy URL]`: create an account and sign in. */
import { authCommand } from './login';

export const summary = 'Create a Zapcut account (free: two videos, 15 s and 30 s).';

const HELP = `Usage: zapcut signup --email you@example.com [--proxy URL]

  --email <address>   the account's email
  --proxy <url>       the Zapcut service (default: ZAPCUT_PROXY_URL, else the app's Settings)
  The password (8+ characters) is asked for without echo, or read from stdin when piped.`;

export function run(argv: string[]): Promise<number> {
  return authCommand(argv, 'signup', HELP);
}
