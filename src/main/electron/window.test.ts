import { describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
vi.mock('electron', () => ({
  shell: { openExternal: async (url: string) => void opened.push(url) },
  BrowserWindow: class {},
  screen: {},
  session: {},
  app: {},
}));

const { hardenWebContents } = await import('./window');

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
    contents: {
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (openHandler = fn),
      on: (event: string, fn: Listener) => listeners.set(event, fn),
    },
    navigate(event: string, url: string) {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('hardenWebContents', () => {
  const trusted = (url: string) => url.startsWith('zapcut-app://app/');

  it('denies every new window and sends http(s) links to the system browser', () => {
    opened.length = 0;
    const f = fakeContents();
    hardenWebContents(f.contents as never, trusted);
    expect(f.open('https://zapcut.app/help')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://zapcut.app/help']);
  });

  it('blocks navigation and redirects away from the app, allows in-app navigation', () => {
    opened.length = 0;
    const f = fakeContents();
    hardenWebContents(f.contents as never, trusted);
    expect(f.navigate('will-navigate', 'zapcut-app://app/index.html')).toBe(false);
    expect(f.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(f.navigate('will-redirect', 'file:///home/user/.ssh/id_rsa')).toBe(true);
    expect(f.navigate('will-attach-webview', 'zapcut-app://app/x')).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
  });
});
