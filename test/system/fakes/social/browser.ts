/**
 * The user's browser in tests that run without one: opens the network's authorize URL, presses
 * "Authorize app" (or "Cancel") on the consent page and follows the redirect to the app's loopback
 * server, like a browser would. Returns what the loopback answered.
 */
export async function consentInBrowser(authorizeUrl: string, decision: 'allow' | 'deny' = 'allow'): Promise<{ status: number; location: string; body: string }> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const txn = /name="txn" value="([^"]+)"/.exec(html)?.[1];
  if (!page.ok || !action || !txn) throw new Error(`no consent page (${page.status}): ${html.slice(0, 300)}`);
  const decided = await fetch(action.replace(/&amp;/g, '&'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ txn, decision }).toString(), redirect: 'manual' });
  const location = decided.headers.get('location');
  if (decided.status !== 302 || !location) throw new Error(`consent did not redirect (${decided.status})`);
  const back = await fetch(location);
  return { status: back.status, location, body: await back.text() };
}
