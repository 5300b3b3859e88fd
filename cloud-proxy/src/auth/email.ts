/**
 * Sending email from the Worker, behind one small interface so the provider can change. The one
 * implementation is Resend's HTTP API (`POST /emails`, Bearer key, JSON {from, to, subject, text,
 * html} → 200 {id}; errors as {statusCode, name, message}: 401 missing_api_key, 403
 * invalid_api_key, 422 missing_required_field / invalid_from_address, 429 rate_limit_exceeded).
 * Tests and dev:stack point RESEND_BASE_URL at cloud-proxy/fakes/resend.mjs, which refuses the same.
 */
import type { Config } from '../env';
import { ProxyError } from '../http/errors';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailSender {
  send(mail: OutgoingEmail): Promise<{ id: string }>;
}

export const EMAIL_NOT_CONFIGURED_MESSAGE =
  'This Zapcut service has no email provider configured (RESEND_API_KEY and EMAIL_FROM), so it cannot send verification links; ask its operator.';

/** The configured sender, or null when the deploy has none (callers say EMAIL_NOT_CONFIGURED). */
export function emailSenderOf(config: Config): EmailSender | null {
  if (!config.RESEND_API_KEY || !config.EMAIL_FROM) return null;
  return {
    async send(mail) {
      const res = await fetch(`${config.RESEND_BASE_URL.replace(/\/$/, '')}/emails`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.RESEND_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: config.EMAIL_FROM, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json().catch(() => null)) as { id?: unknown; name?: unknown; message?: unknown } | null;
      if (res.ok && typeof body?.id === 'string') return { id: body.id };
      // The provider's reason goes to the operator's log; the user gets what to do.
      console.error(`email provider refused a message: ${res.status} ${String(body?.name ?? '')} ${String(body?.message ?? '').slice(0, 200)}`);
      throw new ProxyError(502, 'EMAIL_SEND_FAILED', 'The verification email could not be sent just now; ask for a new link in a few minutes.');
    },
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function verificationEmail(to: string, link: string, ttlHours: number): OutgoingEmail {
  return {
    to,
    subject: 'Verify your email for Zapcut',
    text: `Open this link to verify your email and unlock your free videos:\n\n${link}\n\nThe link works once, for ${ttlHours} hours. If you did not sign up for Zapcut, ignore this email.`,
    html: `<p>Open this link to verify your email and unlock your free videos:</p><p><a href="${escape(link)}">Verify my email</a></p><p>The link works once, for ${ttlHours} hours. If you did not sign up for Zapcut, ignore this email.</p>`,
  };
}
