// A local fake of Resend's send-email API (POST /emails), strict like the real one
// (resend.com/docs/api-reference/errors): no key → 401 missing_api_key, a wrong key → 403
// invalid_api_key, a body that is not JSON → 400 validation_error, a missing from/to/subject →
// 422 missing_required_field, a malformed from → 422 invalid_from_address, a malformed recipient
// → 422 validation_error, no text/html → 422 validation_error; errors as {statusCode, name,
// message}; success 200 {id}. It keeps a mailbox the tests (and dev:stack) read:
// GET /__mailbox?to=<address> → {messages:[{id, from, to, subject, text, html, at}]}, newest last.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

export const FAKE_RESEND_KEY = 're_fake_000000000000000000';
export const FAKE_EMAIL_FROM = 'Zapcut <hello@zapcut.test>';

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const FROM = /^(?:[^<>]*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>|([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+))$/;

const send = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const error = (res, statusCode, name, message) => send(res, statusCode, { statusCode, name, message });

export function startFakeResend(opts = {}) {
  const key = opts.key ?? FAKE_RESEND_KEY;
  /** Every accepted message, in order. */
  const sent = [];
  const refused = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://fake');
      if (req.method === 'GET' && url.pathname === '/__mailbox') {
        const to = (url.searchParams.get('to') ?? '').toLowerCase();
        return send(res, 200, { messages: sent.filter((m) => m.to.includes(to)) });
      }
      if (req.method === 'GET' && url.pathname === '/__refused') return send(res, 200, { refused });
      if (!(req.method === 'POST' && url.pathname === '/emails')) return error(res, 404, 'not_found', 'The requested endpoint does not exist.');
      const refuse = (status, name, message) => {
        refused.push({ status, name });
        return error(res, status, name, message);
      };
      const auth = req.headers.authorization ?? '';
      if (!auth) return refuse(401, 'missing_api_key', 'Missing API key in the authorization header.');
      if (auth !== `Bearer ${key}`) return refuse(403, 'invalid_api_key', 'API key is invalid.');
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse(400, 'validation_error', 'Invalid JSON body.');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'validation_error', 'The request body must be a JSON object.');
      for (const field of ['from', 'to', 'subject']) {
        if (body[field] === undefined || body[field] === '' || body[field] === null) return refuse(422, 'missing_required_field', `Missing \`${field}\` field.`);
      }
      if (typeof body.from !== 'string' || !FROM.test(body.from)) return refuse(422, 'invalid_from_address', 'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.');
      const to = Array.isArray(body.to) ? body.to : [body.to];
      if (to.length === 0 || to.length > 50) return refuse(422, 'validation_error', 'The `to` field must contain 1 to 50 recipients.');
      for (const t of to) if (typeof t !== 'string' || !ADDRESS.test(t)) return refuse(422, 'validation_error', `Invalid \`to\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`);
      if (typeof body.subject !== 'string') return refuse(422, 'validation_error', 'The `subject` field must be a string.');
      if (typeof body.text !== 'string' && typeof body.html !== 'string') return refuse(422, 'validation_error', 'Either `text`, `html` or `react` must be provided.');
      const id = randomUUID();
      sent.push({ id, from: body.from, to: to.map((t) => t.toLowerCase()), subject: body.subject, text: body.text ?? null, html: body.html ?? null, at: new Date().toISOString() });
      return send(res, 200, { id });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        key,
        /** The Worker's vars for this fake. */
        env: { RESEND_BASE_URL: url, RESEND_API_KEY: key, EMAIL_FROM: FAKE_EMAIL_FROM },
        mailbox: (to) => sent.filter((m) => m.to.includes(to.toLowerCase())),
        refused: () => [...refused],
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

/** The verification token in the newest message of a mailbox answer (GET /__mailbox), or null. */
export function verificationToken(messages) {
  const last = messages.at(-1);
  const m = last && /\/v1\/auth\/verify\?token=([^\s"&<]+)/.exec(last.text ?? last.html ?? '');
  return m ? decodeURIComponent(m[1]) : null;
}
