/**
 * Where Checkout and the portal send the browser back. It changes nothing — only the verified
 * webhook changes an account — so a forged or replayed return URL is harmless: it says what to do
 * next and offers the `zapcut://` link that brings the desktop app forward (which then re-reads the
 * account from this proxy).
 */
export const RETURN_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TEXT: Record<string, { title: string; body: string }> = {
  success: { title: 'Thank you — payment received', body: 'Zapcut updates your account as soon as the payment is confirmed (usually within seconds). Go back to the app: your Account screen refreshes by itself.' },
  cancel: { title: 'Checkout cancelled', body: 'Nothing was charged. You can go back to Zapcut and choose again at any time.' },
  portal: { title: 'Billing updated', body: 'Changes you made take effect in Zapcut as soon as Stripe confirms them. Go back to the app to see your plan.' },
};

export function returnPage(result: string): string {
  const t = TEXT[result] ?? TEXT.portal!;
  const link = `zapcut://account?billing=${encodeURIComponent(result in TEXT ? result : 'portal')}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title} — Zapcut</title>
<style>body{font:16px system-ui,sans-serif;max-width:560px;margin:4rem auto;padding:0 1rem;color:#1a1a1a}a.button{display:inline-block;background:#4f46e5;color:#fff;padding:.6rem 1.1rem;border-radius:8px;text-decoration:none}</style></head>
<body><h1>${t.title}</h1><p>${t.body}</p><p><a class="button" href="${link}">Open Zapcut</a></p><p>You can close this tab.</p></body></html>`;
}
