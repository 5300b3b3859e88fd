export const FAKE_RESEND_KEY: string;
export const FAKE_EMAIL_FROM: string;
export interface FakeMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  at: string;
}
export interface FakeResend {
  url: string;
  key: string;
  env: { RESEND_BASE_URL: string; RESEND_API_KEY: string; EMAIL_FROM: string };
  mailbox(to: string): FakeMail[];
  refused(): { status: number; name: string }[];
  close(): Promise<void>;
}
export function startFakeResend(opts?: { key?: string; port?: number }): Promise<FakeResend>;
export function verificationToken(messages: readonly { text: string | null; html: string | null }[]): string | null;
