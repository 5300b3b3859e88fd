/* global window, WebSocket, URL, location, console */
/**
 * The contract harness's stand-in for the Electron preload: defines `window.zapcut` with exactly
 * the `Api` shape (src/shared/contract.ts) — `invoke(channel, input) → Promise<Result>` and
 * `on(event, listener) → unsubscribe` — over a WebSocket to the harness. Loaded as a classic script
 * before the app's module bundle, so the bridge exists when the app starts. Like the preload it
 * never rejects: transport failures come back as `{ ok: false, error: { code: 'OFFLINE' } }`.
 */
(() => {
  const url = new URL('/__zapcut/ws', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  const pending = new Map();
  const listeners = new Map();
  const queue = [];
  let nextId = 1;
  let closed = false;

  const offline = () => ({
    ok: false,
    error: { code: 'OFFLINE', message: 'The connection to the Zapcut harness closed. Restart it and reload the page.' },
  });

  socket.addEventListener('open', () => {
    for (const message of queue.splice(0)) socket.send(message);
  });
  socket.addEventListener('message', (e) => {
    let msg;
    try {
      msg = JSON.parse(String(e.data));
    } catch {
      return;
    }
    if (typeof msg.id === 'number' && pending.has(msg.id)) {
      pending.get(msg.id)(msg.result);
      pending.delete(msg.id);
    } else if (typeof msg.event === 'string') {
      for (const listener of listeners.get(msg.event) ?? []) {
        try {
          listener(msg.payload);
        } catch (err) {
          console.error('zapcut: event listener failed', err);
        }
      }
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(offline());
    pending.clear();
  });

  const api = {
    invoke(channel, input) {
      return new Promise((resolve) => {
        if (closed) return resolve(offline());
        const id = nextId++;
        pending.set(id, resolve);
        const message = JSON.stringify({ id, channel, input });
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'zapcut', { value: Object.freeze(api), enumerable: true });
})();
