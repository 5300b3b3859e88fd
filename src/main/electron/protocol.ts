/**
 * Two privileged schemes:
 *  - `zapcut-media://media/<sha256>` → backend.handleMediaRequest: files from the media store only,
 *    Range-aware (stream: true so <video> can seek).
 *  - `zapcut-app://app/…` → the built renderer with the CSP as a response header (see
 *    src/backend/app-pages for why not file://).
 * registerSchemes() must run before `app` is ready; handleSchemes() after.
 */
import { protocol } from 'electron';
import { createAppPageHandler } from '../../backend/app-pages';
import type { Backend } from '../../backend/backend';

export const MEDIA_SCHEME = 'zapcut-media';
export const APP_SCHEME = 'zapcut-app';
/** What the backend prefixes asset URLs with inside Electron. */
export const MEDIA_BASE_URL = `${MEDIA_SCHEME}://media/`;
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

export function handleSchemes(backend: Backend, rendererDir: string): void {
  protocol.handle(MEDIA_SCHEME, (req) => backend.handleMediaRequest(req));
  protocol.handle(APP_SCHEME, createAppPageHandler(rendererDir));
}
