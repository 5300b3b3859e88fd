/**
 * The renderer's only door to the backend. Every channel name lives in this module (typed by the
 * shared contract), and every call unwraps the backend's `Result`: data on success, an `ApiError`
 * carrying the error *code* otherwise (codes survive IPC and WebSocket; `instanceof` across the
 * boundary does not). Components and stores call `api.brands.list()`, never a channel string.
 */
import type { Api, Channel, EventName, Events, InputOf, OutputOf } from '../../../shared/contract';
import type { AppErrorShape, ErrorCode } from '../../../shared/errors';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
  toShape(): AppErrorShape {
    // Details travel on (a refusal's translatable reason lives there); none: the plain shape.
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

/** `window.zapcut` is set by the Electron preload or by the contract harness's shim. */
function bridge(): Api {
  const api = (globalThis as { zapcut?: Api }).zapcut;
  if (!api) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'The Zapcut bridge is missing: open this page inside the Zapcut app or the test harness.',
    });
  }
  return api;
}

async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  let result;
  try {
    result = await bridge().invoke(channel, input);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  }
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge().on(event, listener);
}

/** Turns anything caught in the renderer into the error shape the toasts display. */
export function toAppError(err: unknown): AppErrorShape {
  if (err instanceof ApiError) return err.toShape();
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

export const api = {
  app: {
    info: () => call('app/info', {}),
  },
  settings: {
    get: () => call('settings/get', {}),
    update: (patch: InputOf<'settings/update'>) => call('settings/update', patch),
  },
  brands: {
    list: () => call('brand/list', {}),
    get: (id: string) => call('brand/get', { id }),
    create: (input: InputOf<'brand/create'>) => call('brand/create', input),
    update: (input: InputOf<'brand/update'>) => call('brand/update', input),
    remove: (input: InputOf<'brand/delete'>) => call('brand/delete', input),
    setLogo: (input: InputOf<'brand/setLogo'>) => call('brand/setLogo', input),
    removeLogo: (brandId: string) => call('brand/removeLogo', { brandId }),
    setFont: (input: InputOf<'brand/setFont'>) => call('brand/setFont', input),
    fontSamples: (brandId: string) => call('brand/fontSamples', { brandId }),
  },
  account: {
    get: () => call('account/get', {}),
    signup: (input: InputOf<'account/signup'>) => call('account/signup', input),
    login: (input: InputOf<'account/login'>) => call('account/login', input),
    logout: () => call('account/logout', {}),
    quote: (input: InputOf<'account/quote'>) => call('account/quote', input),
    resendVerification: () => call('account/resendVerification', {}),
    onChanged: (listener: (payload: Events['account/changed']) => void) => on('account/changed', listener),
  },
  // Buying credits and plans (issue 18): Checkout and the portal open in the system browser.
  billing: {
    plans: () => call('billing/plans', {}),
    checkout: (item: InputOf<'billing/checkout'>['item']) => call('billing/checkout', { item }),
    portal: () => call('billing/portal', {}),
    stopWaiting: () => call('billing/stopWaiting', {}),
    onSettled: (listener: (payload: Events['billing/settled']) => void) => on('billing/settled', listener),
  },
  brandStyle: {
    get: (brandId: string) => call('brand/style', { brandId }),
    approve: (brandId: string, approved: boolean) => call('brand/styleApprove', { brandId, approved }),
    retry: (brandId: string) => call('brand/styleRetry', { brandId }),
    cancel: (brandId: string) => call('brand/styleCancel', { brandId }),
    onChanged: (listener: (payload: Events['brand/styleChanged']) => void) => on('brand/styleChanged', listener),
  },
  assets: {
    import: (input: InputOf<'asset/import'>) => call('asset/import', input),
    remove: (id: string) => call('asset/delete', { id }),
    setRole: (input: InputOf<'asset/setRole'>) => call('asset/setRole', input),
  },
  ads: {
    list: () => call('project/list', {}),
    get: (id: string) => call('project/get', { id }),
    create: (brandId: string) => call('project/create', { brandId }),
    createFromPage: (brandId: string, url: string) => call('project/createFromPage', { brandId, url }),
    remove: (id: string) => call('project/delete', { id }),
    send: (projectId: string, text: string) => call('chat/send', { projectId, text }),
    stopReply: (projectId: string) => call('chat/cancel', { projectId }),
    updateBible: (projectId: string, bible: InputOf<'bible/update'>['bible']) => call('bible/update', { projectId, bible }),
    updateStoryboard: (projectId: string, scenes: InputOf<'storyboard/update'>['scenes']) => call('storyboard/update', { projectId, scenes }),
    approve: (projectId: string, offline?: boolean, reviewPictures?: boolean) => call('storyboard/approve', { projectId, ...(offline ? { offline } : {}), ...(reviewPictures !== undefined ? { reviewPictures } : {}) }),
    approvePictures: (projectId: string) => call('pictures/approve', { projectId }),
    redoPicture: (projectId: string, index: number, prompt?: string) => call('pictures/redo', { projectId, index, ...(prompt ? { prompt } : {}) }),
    picturesPrice: (projectId: string) => call('pictures/price', { projectId }),
    changePicture: (input: InputOf<'pictures/change'>) => call('pictures/change', input),
    cancel: (projectId: string) => call('run/cancel', { projectId }),
    retry: (projectId: string) => call('run/retry', { projectId }),
    regenerateScene: (projectId: string, index: number) => call('run/regenerateScene', { projectId, index }),
    generateScenes: (projectId: string) => call('run/generateScenes', { projectId }),
    variant: (projectId: string, aspect: InputOf<'project/variant'>['aspect']) => call('project/variant', { projectId, aspect }),
    copy: (projectId: string) => call('project/copy', { projectId }),
    revise: (input: InputOf<'project/revise'>) => call('project/revise', input),
    undoRevision: (projectId: string, messageId: string) => call('chat/undoRevision', { projectId, messageId }),
  },
  // Publishing to X and LinkedIn (issue 24).
  publish: {
    connections: () => call('publish/connections', {}),
    connect: (network: InputOf<'publish/connect'>['network']) => call('publish/connect', { network }),
    cancelConnect: (flowId: string) => call('publish/connectCancel', { flowId }),
    disconnect: (network: InputOf<'publish/disconnect'>['network']) => call('publish/disconnect', { network }),
    check: (input: InputOf<'publish/check'>) => call('publish/check', input),
    start: (input: InputOf<'publish/start'>) => call('publish/start', input),
    cancel: (postId: string) => call('publish/cancel', { postId }),
    resume: (postId: string) => call('publish/resume', { postId }),
    history: (projectId?: string) => call('publish/history', projectId ? { projectId } : {}),
    onConnectFinished: (listener: (payload: Events['publish/connectFinished']) => void) => on('publish/connectFinished', listener),
    onConnectionsChanged: (listener: (payload: Events['publish/connectionsChanged']) => void) => on('publish/connectionsChanged', listener),
    onProgress: (listener: (payload: Events['publish/progress']) => void) => on('publish/progress', listener),
    onPostChanged: (listener: (payload: Events['publish/postChanged']) => void) => on('publish/postChanged', listener),
  },
  // The spec and quality check of an export or a finished ad (issue 16).
  quality: {
    check: (input: InputOf<'quality/check'>) => call('quality/check', input),
  },
  // Variant sets of a finished ad and platform packs (issue 23).
  variants: {
    quote: (input: InputOf<'variants/quote'>) => call('variants/quote', input),
    start: (input: InputOf<'variants/start'>) => call('variants/start', input),
    cancel: (jobId: string) => call('variants/cancel', { jobId }),
    list: (projectId: string) => call('variants/list', { projectId }),
    pack: (input: InputOf<'variants/pack'>) => call('variants/pack', input),
    packCancel: (setId: string) => call('variants/packCancel', { setId }),
    onProgress: (listener: (payload: Events['variants/progress']) => void) => on('variants/progress', listener),
    onFinished: (listener: (payload: Events['variants/finished']) => void) => on('variants/finished', listener),
    onPackProgress: (listener: (payload: Events['variants/packProgress']) => void) => on('variants/packProgress', listener),
  },
  // Batches from a CSV/JSONL file of briefs (issue 23).
  batch: {
    preview: (input: InputOf<'batch/preview'>) => call('batch/preview', input),
    start: (input: InputOf<'batch/start'>) => call('batch/start', input),
    current: () => call('batch/current', {}),
    cancel: () => call('batch/cancel', {}),
    unfinished: () => call('batch/unfinished', {}),
    onChanged: (listener: (payload: Events['batch/changed']) => void) => on('batch/changed', listener),
  },
  // The timeline editor (issue 8).
  editor: {
    open: (input: InputOf<'editor/open'>) => call('editor/open', input),
    save: (input: InputOf<'editor/save'>) => call('editor/save', input),
    versions: (projectId: string) => call('editor/versions', { projectId }),
    restore: (projectId: string, version: number) => call('editor/restore', { projectId, version }),
    importMedia: (input: InputOf<'editor/importMedia'>) => call('editor/importMedia', input),
    mediaInfo: (sha256: string) => call('editor/mediaInfo', { sha256 }),
    relink: (input: InputOf<'editor/relink'>) => call('editor/relink', input),
    textRasters: (input: InputOf<'editor/textRasters'>) => call('editor/textRasters', input),
    startExport: (input: InputOf<'export/start'>) => call('export/start', input),
    cancelExport: (exportId: string) => call('export/cancel', { exportId }),
    exportDefaults: (projectId: string) => call('export/defaults', { projectId }),
    /** Shows the exported file in the OS file manager (desktop only; UNSUPPORTED in the harness). */
    revealExport: (path: string) => call('export/reveal', { path }),
    onExportProgress: (listener: (payload: Events['export/progress']) => void) => on('export/progress', listener),
    onExportFinished: (listener: (payload: Events['export/finished']) => void) => on('export/finished', listener),
  },
  // The desktop shell (issue 10): logs, renderer error reports, updates, app-menu commands.
  desktop: {
    openLogsFolder: () => call('app/openLogsFolder', {}),
    chooseSavePath: (input: InputOf<'app/chooseSavePath'>) => call('app/chooseSavePath', input),
    reportError: (report: InputOf<'app/reportError'>) => call('app/reportError', report),
    updateStatus: () => call('update/status', {}),
    checkForUpdates: () => call('update/check', {}),
    restartToUpdate: () => call('update/restart', {}),
    onUpdateStatus: (listener: (payload: Events['update/status']) => void) => on('update/status', listener),
    onUnexpectedError: (listener: (payload: Events['app/unexpectedError']) => void) => on('app/unexpectedError', listener),
    onMenuCommand: (listener: (payload: Events['app/menuCommand']) => void) => on('app/menuCommand', listener),
  },
  events: {
    onBrandChanged: (listener: (payload: Events['brand/changed']) => void) => on('brand/changed', listener),
    onProjectChanged: (listener: (payload: Events['project/changed']) => void) => on('project/changed', listener),
    onChatDelta: (listener: (payload: Events['chat/delta']) => void) => on('chat/delta', listener),
    onRunProgress: (listener: (payload: Events['run/progress']) => void) => on('run/progress', listener),
  },
};
