/**
 * What the preload puts on `window` (the renderer's tsconfig includes this file). The harness
 * shim provides the same `Api`; `pathForFile` exists only in Electron (files there have paths).
 */
import type { Api } from '../shared/contract';

export interface ZapcutBridge extends Api {
  /** Electron only: the absolute path of a File from drag-and-drop or an <input type=file>. */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    zapcut: ZapcutBridge;
  }
}
