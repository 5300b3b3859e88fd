/**
 * The loopback redirect of a desktop OAuth sign-in (RFC 8252 §7.3): a one-shot HTTP server on
 * 127.0.0.1 that waits for the browser to come back with `?code&state`.
 *  - The port is random, or one of the network's registered callback ports when the network
 *    matches redirect URIs exactly (X allows up to 10 registered callback URLs).
 *  - A request whose state is not ours is refused and we keep waiting (it is not our user's
 *    browser); `?error=` from the network ends the wait with the network's reason.
 *  - One use: the first good redirect resolves and the server closes; anything after it is refused.
 *  - Gives up after `timeoutMs` (the user closed the browser) or when `signal` aborts.
 * Only `Host: 127.0.0.1:<port>` is answered (no DNS-rebinding through another name).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../../shared/errors';

export interface LoopbackOptions {
  state: string;
  /** Candidate ports in the order to try; empty or absent → any free port. */
  ports?: readonly number[];
  path?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  networkName: string;
}

export interface Loopback {
  redirectUri: string;
  /** The authorization code, once the browser comes back with our state. */
  code: Promise<string>;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><body style="font-family:system-ui,sans-serif;max-width:520px;margin:80px auto;color:#222"><h1 style="font-size:20px">${title}</h1><p>${text}</p></body>`;

async function listen(server: Server, ports: readonly number[]): Promise<number> {
  const order = ports.length ? [...ports].sort(() => Math.random() - 0.5) : [0];
  for (const port of order) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  throw new AppError('CONFLICT', `Every local port registered for signing in (${ports.join(', ')}) is in use by another program. Close it (or another Zapcut sign-in) and try again.`);
}

export async function startLoopback(opts: LoopbackOptions): Promise<Loopback> {
  const path = opts.path ?? '/callback';
  let settle!: { resolve(code: string): void; reject(err: AppError): void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined); // the caller awaits it; never an unhandled rejection
  let done = false;
  const server = createServer((req, res) => {
    const send = (status: number, title: string, text: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      res.end(page(title, text));
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || req.headers.host !== `127.0.0.1:${port}` || url.pathname !== path) return send(404, 'Not found', 'Nothing here.');
    if (done) return send(410, 'Already used', `This sign-in link was already used. Return to Zapcut and connect ${opts.networkName} again if needed.`);
    if (url.searchParams.get('state') !== opts.state) {
      // Not the browser we sent: refuse it and keep waiting for ours.
      return send(400, 'Sign-in refused', 'This sign-in response does not belong to the sign-in Zapcut started, so it was ignored. Start again from Zapcut.');
    }
    const error = url.searchParams.get('error');
    const got = url.searchParams.get('code');
    finish();
    if (error) {
      const why = url.searchParams.get('error_description') ?? error;
      send(200, `${opts.networkName} was not connected`, 'You can close this tab and return to Zapcut.');
      const cancelled = /denied|cancel/i.test(error);
      return settle.reject(new AppError(cancelled ? 'CANCELLED' : 'PROVIDER', cancelled ? `You cancelled connecting ${opts.networkName}. Nothing was changed.` : `${opts.networkName} did not connect: ${why}`, { details: { reason: error } }));
    }
    if (!got) {
      send(400, 'Sign-in failed', 'The response had no authorization code. Start again from Zapcut.');
      return settle.reject(new AppError('PROVIDER', `${opts.networkName} came back without an authorization code. Try connecting again.`));
    }
    send(200, `${opts.networkName} is connected`, 'You can close this tab and return to Zapcut.');
    settle.resolve(got);
  });
  const port = await listen(server, opts.ports ?? []);
  const timer = setTimeout(() => {
    finish();
    settle.reject(new AppError('CANCELLED', `Zapcut stopped waiting for ${opts.networkName} after ${Math.round(opts.timeoutMs / 60_000) || 1} min. If you closed the browser tab, start again with Connect.`, { details: { reason: 'timeout' } }));
  }, opts.timeoutMs);
  timer.unref();
  const onAbort = () => {
    finish();
    settle.reject(new AppError('CANCELLED', `Connecting ${opts.networkName} was cancelled. Nothing was changed.`, { details: { reason: 'cancelled' } }));
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  function finish() {
    if (done) return;
    done = true;
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    // Let the answer go out, then stop listening: one use only.
    setImmediate(() => {
      server.close();
      server.closeAllConnections();
    });
  }
  if (opts.signal?.aborted) onAbort();
  return { redirectUri: `http://127.0.0.1:${port}${path}`, code, close: () => onAbort() };
}
