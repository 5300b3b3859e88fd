/**
 * `zapcut connect|disconnect|post|posts` (issue 24): the same publish service the app uses,
 * through a backend built in this process. Connect prints the sign-in link (and opens the system
 * browser unless --no-browser), then waits for the browser to come back; Ctrl-C cancels.
 * The CLI's backend gets tokens from the OS keychain (or memory when there is none — then the
 * connection lasts for this command only).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../../shared/publish/platform-limits';
import { composeCaption, countCaption } from '../../shared/publish/caption';
import type { ConnectFlow, ConnectionView, PostCheck, PostView } from '../../shared/domain/publish';
import type { Events } from '../../shared/contract';
import { createBackend, type Backend } from '../../backend/backend';
import { resolveDataDir } from '../../backend/media-store/data-dir';
import { formatEta } from './progress-bar';

export async function withBackend<T>(fn: (b: Backend) => Promise<T>): Promise<T> {
  const backend = createBackend({ dataDir: resolveDataDir(), mediaBaseUrl: '/media/' });
  try {
    return await fn(backend);
  } finally {
    backend.close();
  }
}

export async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { details: r.error.details });
  return r.value as T;
}

export function parseNetwork(v: string | undefined): SocialNetwork {
  const n = (v ?? '').toLowerCase().replace(/^twitter$/, 'x');
  if (!(SOCIAL_NETWORKS as readonly string[]).includes(n)) throw new AppError('VALIDATION', `Which network? One of: ${SOCIAL_NETWORKS.join(', ')}.`);
  return n as SocialNetwork;
}

const NAMES: Record<SocialNetwork, string> = { x: 'X', linkedin: 'LinkedIn' };

export function describeConnection(c: ConnectionView): string {
  const who = c.account ? `${c.account.name}${c.account.handle ? ` (${c.account.handle})` : ''}` : '';
  if (c.state === 'connected') return `${NAMES[c.network]}: connected as ${who}`;
  if (c.state === 'needs_reconnect') return `${NAMES[c.network]}: ${who} — reconnect needed (${c.problem ?? 'access was revoked'}). Run \`zapcut connect ${c.network}\`.`;
  return `${NAMES[c.network]}: not connected${c.available ? '' : ` (${c.problem ?? 'not offered'})`}`;
}

/** Opens the URL in the system browser (best effort: the link is printed too). */
export function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser opener here: the printed link is enough
  }
}

export async function connectAndWait(backend: Backend, network: SocialNetwork, opts: { browser: boolean }): Promise<number> {
  const finished = new Promise<Events['publish/connectFinished']>((resolve) => {
    const off = backend.on((event, payload) => {
      if (event === 'publish/connectFinished' && (payload as Events['publish/connectFinished']).network === network) {
        off();
        resolve(payload as Events['publish/connectFinished']);
      }
    });
  });
  const flow = await call<ConnectFlow>(backend, 'publish/connect', { network });
  console.log(`Sign in to ${NAMES[network]} in your browser:\n\n  ${flow.authorizeUrl}\n\nWaiting until ${flow.expiresAt.slice(11, 19)} UTC (Ctrl-C cancels)…`);
  if (opts.browser) openBrowser(flow.authorizeUrl);
  const onSigint = () => void backend.dispatch('publish/connectCancel', { flowId: flow.flowId });
  process.once('SIGINT', onSigint);
  try {
    const done = await finished;
    if (!done.ok) {
      console.error(done.error?.message ?? 'Not connected.');
      return done.error?.code === 'CANCELLED' ? 130 : 1;
    }
    const list = await call<ConnectionView[]>(backend, 'publish/connections', {});
    console.log(describeConnection(list.find((c) => c.network === network)!));
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export interface PostArgs {
  projectId: string;
  network: SocialNetwork;
  aspect?: string;
  text: string;
  hashtags: string[];
  link?: string;
  again: boolean;
}

export async function postAndWait(backend: Backend, a: PostArgs): Promise<number> {
  const caption = composeCaption({ text: a.text, hashtags: a.hashtags, link: a.link });
  const count = countCaption(a.network, caption);
  console.log(`Caption (${count.count}/${count.max}):\n${caption}\n`);
  const source = { kind: 'result', aspect: a.aspect ?? (a.network === 'x' ? '16:9' : '1:1') };
  const check = await call<PostCheck>(backend, 'publish/check', { projectId: a.projectId, network: a.network, source, caption });
  for (const i of check.issues) console.log(`${i.level === 'error' ? 'error' : i.level === 'fix' ? 'will fix' : 'note'}: ${i.message}`);
  if (!check.ok) return 1;
  return followPost(backend, a.network, () => call<PostView>(backend, 'publish/start', { projectId: a.projectId, network: a.network, source, caption, idempotencyKey: randomUUID(), again: a.again }));
}

/** Starts (or resumes) a post and shows its progress until it is posted, fails or is cancelled (Ctrl-C). */
export async function followPost(backend: Backend, network: SocialNetwork, start: () => Promise<PostView>): Promise<number> {
  let id: string | null = null;
  const done = new Promise<PostView>((resolve) => {
    const off = backend.on((event, payload) => {
      if (event === 'publish/progress') {
        const p = payload as Events['publish/progress'];
        const eta = p.etaSeconds === null ? '' : `  ETA ${formatEta(p.etaSeconds)}`;
        const wait = p.waitingUntil ? `  (${NAMES[network]} asks to wait until ${p.waitingUntil.slice(11, 19)} UTC)` : '';
        process.stderr.write(`\r\x1b[2K${p.status} ${p.percent.toFixed(0)}%${eta}${wait}`);
      }
      if (event === 'publish/postChanged') {
        const p = payload as PostView;
        if ((id === null || p.id === id) && (p.status === 'posted' || p.status === 'failed' || p.status === 'cancelled')) {
          off();
          resolve(p);
        }
      }
    });
  });
  const started = await start();
  id = started.id;
  const onSigint = () => void backend.dispatch('publish/cancel', { postId: started.id });
  process.once('SIGINT', onSigint);
  try {
    const p = await done;
    process.stderr.write('\n');
    if (p.status === 'posted') {
      console.log(`Posted to ${NAMES[network]}: ${p.url}`);
      return 0;
    }
    console.error(`${p.error?.message ?? p.status}${p.resumable ? `\nResume with \`zapcut post --resume ${p.id}\`.` : ''}`);
    return p.status === 'cancelled' ? 130 : 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
