/**
 * Fetching a URL the user pasted, on the user's machine, without letting that URL reach into the
 * user's network: https only; every address a name resolves to must be public unicast (ipaddr.js,
 * MIT: no loopback, private, link-local, CGNAT, multicast or special ranges; IPv6 only inside
 * 2000::/3 outside 6to4/Teredo/documentation, which also refuses IPv4-embedding forms), checked on
 * the resolved addresses and again on every redirect (at most MAX_REDIRECTS), and the connection is
 * pinned to the address that was checked (no second DNS answer can swap it). The whole fetch —
 * lookups, redirects, headers and body — runs under one deadline, and the body is read only up to a
 * byte limit (a bigger Content-Length is refused before reading; a body that grows past it is cut;
 * gzip, deflate and brotli bodies are decoded as they arrive and the limit counts the decoded bytes).
 * Failures are AppErrors whose `details.reason` names what went wrong and whose message says what to do.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { AppError, type ErrorCode } from '../../shared/errors';

export const MAX_REDIRECTS = 5;

export type FetchFailure = 'bad-url' | 'not-https' | 'private-address' | 'not-found' | 'timeout' | 'too-large' | 'too-many-redirects' | 'http-status' | 'network' | 'cancelled';

export interface FetchLimits {
  /** Bytes of body read at most; past it the fetch fails with 'too-large'. */
  maxBytes: number;
  /** One deadline for the whole fetch (lookups, redirects, body). */
  timeoutMs: number;
  /** Sent as Accept. */
  accept: string;
  /** What is being fetched, for messages ("the page", "image 2"). */
  what: string;
  signal?: AbortSignal;
  /**
   * Tests only (pages served on 127.0.0.1): also allow plain http and loopback addresses. Private,
   * link-local and other special addresses stay refused. The CLI and the app never set it.
   */
  allowLoopbackHttpForTests?: boolean;
}

export interface Fetched {
  /** The URL the body came from (after redirects). */
  url: string;
  status: number;
  contentType: string | null;
  body: Buffer;
}

const fail = (reason: FetchFailure, message: string, code: ErrorCode = 'VALIDATION', cause?: unknown) =>
  new AppError(code, message, { details: { reason }, cause, retryable: reason === 'timeout' || reason === 'network' });

/** The reason a failure carries (see FetchFailure), or null for other errors. */
export function fetchFailure(err: unknown): FetchFailure | null {
  const d = err instanceof AppError ? (err.details as { reason?: unknown } | undefined) : undefined;
  return typeof d?.reason === 'string' ? (d.reason as FetchFailure) : null;
}

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/** Public unicast (see the file comment); a string that is no IP address is not public. */
export function isPublicAddress(literal: string): boolean {
  if (!ipaddr.isValid(literal)) return false;
  const ip = ipaddr.parse(literal);
  if (ip.kind() === 'ipv6' && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST)) return false;
  return ip.range() === 'unicast';
}

function isLoopback(literal: string): boolean {
  return ipaddr.isValid(literal) && ipaddr.parse(literal).range() === 'loopback';
}

/** Checks scheme and credentials of one hop; returns the parsed URL. */
function checkUrl(raw: string, limits: FetchLimits): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('bad-url', `"${raw.slice(0, 200)}" is not a web address. Paste the product page's full address, starting with https://.`);
  }
  const httpOk = limits.allowLoopbackHttpForTests && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !httpOk) {
    throw fail('not-https', `${limits.what} is at ${url.protocol.slice(0, 20)} "${url.href.slice(0, 200)}"; Zapcut only fetches https:// pages. Use the page's https:// address.`);
  }
  if (url.username || url.password) throw fail('bad-url', `${limits.what}'s address carries a user name or password; Zapcut does not send credentials. Use the public page address.`);
  return url;
}

/** Resolves the host and refuses unless every address is allowed; returns the one to connect to. */
async function resolveChecked(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<{ address: string; family: number }> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await abortable(dnsLookup(host, { all: true, verbatim: true }), signal);
    } catch (err) {
      if (signal.aborted) throw err;
      throw fail('not-found', `Could not find "${host}" (${(err as NodeJS.ErrnoException).code ?? 'lookup failed'}). Check the address and your connection.`, 'NOT_FOUND', err);
    }
  }
  if (addresses.length === 0) throw fail('not-found', `Could not find "${host}". Check the address.`, 'NOT_FOUND');
  for (const a of addresses) {
    const ok = isPublicAddress(a.address) || (limits.allowLoopbackHttpForTests === true && isLoopback(a.address));
    if (!ok) {
      throw fail('private-address', `${limits.what} at "${url.host}" is on a private or local network address (${a.address}); Zapcut only fetches public web pages. Use the shop's public address.`);
    }
  }
  return addresses[0]!;
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

interface Hop {
  status: number;
  location: string | null;
  contentType: string | null;
  body: Buffer | null;
}

/** One request to a checked, pinned address; reads the body (bounded) only for a 2xx answer. */
function request(url: URL, pinned: { address: string; family: number }, limits: FetchLimits, signal: AbortSignal): Promise<Hop> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = mod.request(url, {
      method: 'GET',
      agent: false,
      lookup,
      signal,
      headers: { accept: limits.accept, 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'Mozilla/5.0 (compatible; Zapcut/0.1; +product brief)' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const contentType = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : null;
      if (status >= 300 && status < 400) {
        res.resume();
        resolve({ status, location: typeof res.headers.location === 'string' ? res.headers.location : null, contentType, body: null });
        req.destroy();
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        resolve({ status, location: null, contentType, body: null });
        req.destroy();
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        req.destroy();
        reject(tooLarge(limits, declared));
        return;
      }
      // Compressed bodies are decoded as they arrive and the limit counts decoded bytes (a 50 KB
      // gzip of 50 MB of spaces stops at the limit), besides the bytes read off the wire.
      const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
      const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
      if (!decoder && encoding !== '' && encoding !== 'identity') {
        req.destroy();
        reject(fail('network', `${limits.what} came in an encoding Zapcut cannot read ("${encoding.slice(0, 40)}"). Try again later, or write the brief yourself (README "Brief format").`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let wire = 0;
      const stop = (err: Error) => {
        req.destroy();
        decoder?.destroy();
        reject(err);
      };
      if (decoder) {
        res.on('data', (chunk: Buffer) => {
          wire += chunk.length;
          if (wire > limits.maxBytes) stop(tooLarge(limits, null));
        });
        decoder.on('error', (err) => stop(fail('network', `${limits.what} arrived damaged (its ${encoding} data does not decode). Try again.`, 'PROVIDER', err)));
        res.pipe(decoder);
      }
      const body = decoder ?? res;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) return stop(tooLarge(limits, null));
        chunks.push(chunk);
      });
      body.on('end', () => resolve({ status, location: null, contentType, body: Buffer.concat(chunks, size) }));
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(Object.assign(new Error('the connection closed before the end of the body'), { code: 'ECONNRESET' }));
      });
    });
    req.end();
  });
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;
const tooLarge = (limits: FetchLimits, declared: number | null) =>
  fail('too-large', `${limits.what} is ${declared !== null ? mb(declared) : `over ${mb(limits.maxBytes)}`}; Zapcut reads at most ${mb(limits.maxBytes)}. Use the product's own page (not a catalogue), or write the brief yourself (README "Brief format").`, 'MEDIA_TOO_LARGE');

/** GET `raw` under the guard (see the file comment). */
export async function fetchGuarded(raw: string, limits: FetchLimits): Promise<Fetched> {
  const controller = new AbortController();
  const timeout = new AppError('PROVIDER', '');
  const timer = setTimeout(() => controller.abort(timeout), limits.timeoutMs);
  const onOuterAbort = () => controller.abort(limits.signal?.reason);
  limits.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (limits.signal?.aborted) controller.abort(limits.signal.reason);
  try {
    let url = checkUrl(raw, limits);
    for (let hop = 0; ; hop++) {
      const pinned = await resolveChecked(url, limits, controller.signal);
      const res = await request(url, pinned, limits, controller.signal);
      if (res.status >= 300 && res.status < 400 && res.location !== null) {
        if (hop >= MAX_REDIRECTS) throw fail('too-many-redirects', `${limits.what} redirected more than ${MAX_REDIRECTS} times. Open it in a browser and paste the address it ends on.`);
        url = checkUrl(new URL(res.location, url).href, limits);
        continue;
      }
      if (res.body === null) {
        throw fail('http-status', `${limits.what} answered HTTP ${res.status} at ${url.href.slice(0, 200)}. Check the address opens in a browser${res.status === 403 || res.status === 429 ? ' (the shop may refuse automated readers; write the brief yourself then — README "Brief format")' : ''}.`, res.status === 404 || res.status === 410 ? 'NOT_FOUND' : 'PROVIDER');
      }
      return { url: url.href, status: res.status, contentType: res.contentType, body: res.body };
    }
  } catch (err) {
    if (controller.signal.aborted && controller.signal.reason === timeout) {
      throw fail('timeout', `${limits.what} did not load within ${Math.round(limits.timeoutMs / 1000)} s. Check your connection and try again, or write the brief yourself (README "Brief format").`, 'PROVIDER', err);
    }
    if (controller.signal.aborted && limits.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.', { details: { reason: 'cancelled' } });
    if (err instanceof AppError) throw err;
    throw fail('network', `${limits.what} could not be loaded (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the address and your connection.`, 'PROVIDER', err);
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onOuterAbort);
  }
}
