import { useEffect, useState, type FormEvent } from 'react';
import { KeyRound, LogOut, MailWarning, RefreshCw, Send, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/domain/account';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useNavigation } from '../../stores/navigation';
import { QuoteCard } from './QuoteCard';
import { BillingCard } from './BillingCard';
import { StoreNote } from './StoreNote';
import { useAccount } from './store';
import { Page } from '../../components/Page';

export function AccountScreen() {
  const { t } = useTranslation();
  const view = useAccount((s) => s.view);
  useEffect(() => {
    void useAccount.getState().load();
  }, []);

  return (
    <Page column="max-w-3xl" className="flex flex-col gap-6" testId="account-screen">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t('account.title')}</h1>
        <p className="mt-1 text-sm text-ink-muted">{t('account.subtitle')}</p>
      </header>
      {!view ? null : !view.proxyUrl ? <NoProxy /> : view.signedIn ? <SignedIn view={view} /> : <SignInForm view={view} />}
      <ErrorLine />
      {view ? <StoreNote store={view.store} /> : null}
    </Page>
  );
}

function NoProxy() {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  return (
    <section className="rounded-2xl border border-line bg-surface px-6 py-5" data-testid="account-no-proxy">
      <p className="text-sm text-ink-muted">{t('account.noProxy')}</p>
      <Button className="mt-4" onClick={() => go('settings')}>
        {t('account.openSettings')}
      </Button>
    </section>
  );
}

function ErrorLine() {
  const { t } = useTranslation();
  const error = useAccount((s) => s.error);
  const url = useAccount((s) => s.view?.proxyUrl);
  if (!error) return null;
  return (
    <p role="alert" className="rounded-xl border border-danger/40 bg-danger/10 px-4 py-3 text-sm" data-testid="account-error">
      <span className="font-medium">{t(`errors.${error.code}`)}</span> <ErrorDetail code={error.code} message={error.message} url={url} />
    </p>
  );
}

/**
 * The backend's words after the translated headline — except when the service cannot be reached:
 * those words only repeated the headline with the network library's "(fetch failed)", so the
 * creator sees instead which address was tried and that local work goes on.
 */
function ErrorDetail({ code, message, url }: { code: string; message: string; url: string | undefined }) {
  const { t } = useTranslation();
  if (code !== 'OFFLINE') return <>{message}</>;
  return url ? <span className="text-ink-muted">{t('account.offlineDetail', { url })}</span> : null;
}

function SignInForm({ view }: { view: AccountView }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [email, setEmail] = useState(view.email ?? '');
  const [password, setPassword] = useState('');
  const busy = useAccount((s) => s.busy);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await useAccount.getState().signIn(mode, email.trim(), password)) setPassword('');
  }

  return (
    <section className="rounded-2xl border border-line bg-surface px-6 py-5" data-testid="account-sign-in">
      {view.problem ? (
        <p className="mb-4 text-sm text-ink-muted">
          {view.problem.code === 'OFFLINE' ? `${t('account.unreachable')} ${t('account.triedUrl', { url: view.proxyUrl })}` : view.problem.message}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        <TextField label={t('account.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} name="email" required />
        <TextField
          label={t('account.password')}
          type="password"
          autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
          hint={mode === 'signup' ? t('account.passwordHint') : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          name="password"
          required
        />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" icon={KeyRound} disabled={busy || !email.trim() || !password}>
            {busy ? t('account.signingIn') : mode === 'signup' ? t('account.signUp') : t('account.signIn')}
          </Button>
          <button type="button" className="text-sm text-accent hover:underline" onClick={() => setMode(mode === 'login' ? 'signup' : 'login')}>
            {mode === 'login' ? t('account.switchToSignUp') : t('account.switchToSignIn')}
          </button>
        </div>
      </form>
    </section>
  );
}

function SignedIn({ view }: { view: AccountView }) {
  const { t } = useTranslation();
  const busy = useAccount((s) => s.busy);
  const u = view.usage;
  const rows: [string, string][] = u
    ? [
        [t('account.plan'), t(`account.tiers.${u.tier}`)],
        [t('account.credits'), `$${(u.creditsCents / 100).toFixed(2)}`],
        [t('account.freeVideos'), t('account.freeVideosValue', { used: u.freeVideosUsed, left: u.freeVideosLeft })],
        [t('account.thisMonth'), t('account.thisMonthValue', { used: u.monthVideosUsed, left: u.monthVideosLeft })],
        // Pictures of ads not approved yet (issue 21); an older proxy does not count them.
        ...(u.monthPicturesCap !== undefined ? ([[t('account.pictures'), t('account.picturesValue', { used: u.monthPicturesUsed ?? 0, cap: u.monthPicturesCap })]] as [string, string][]) : []),
        [t('account.longest'), t('account.longestValue', { seconds: u.maxLengthSeconds, resolution: u.maxResolution })],
      ]
    : [];
  return (
    <>
      <section className="rounded-2xl border border-line bg-surface" data-testid="account-signed-in">
        <header className="flex items-center gap-3 border-b border-line px-6 py-4">
          <UserRound aria-hidden className="size-4 text-accent" />
          <p className="text-sm font-medium">{t('account.signedInAs', { email: view.email ?? '' })}</p>
          <div className="ml-auto flex gap-2">
            <Button size="sm" icon={RefreshCw} onClick={() => void useAccount.getState().load()}>
              {t('account.refresh')}
            </Button>
            <Button size="sm" icon={LogOut} disabled={busy} onClick={() => void useAccount.getState().signOut()}>
              {t('account.signOut')}
            </Button>
          </div>
        </header>
        {u ? (
          <dl className="grid grid-cols-[10rem_1fr] gap-x-6 gap-y-2 px-6 py-5 text-sm">
            {rows.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-ink-muted">{k}</dt>
                <dd className="tabular-nums">{v}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="px-6 py-5 text-sm text-ink-muted" data-testid="account-unreachable">
            {view.problem?.code === 'OFFLINE' ? t('account.unreachable') : view.problem?.message}
          </p>
        )}
        {u?.suspended ? <p className="px-6 pb-5 text-sm text-danger">{t('account.suspended')}</p> : null}
      </section>
      {u && u.emailVerified === false ? <VerifyEmail email={view.email ?? ''} /> : null}
      {u ? <QuoteCard key={String(u.emailVerified)} /> : null}
      {u ? <BillingCard usage={u} /> : null}
    </>
  );
}

/** Before the email is verified the free videos are locked: say so, offer a new link, re-check after the click. */
function VerifyEmail({ email }: { email: string }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  async function resend() {
    setSending(true);
    try {
      const r = await api.account.resendVerification();
      setNote({ ok: true, text: t('account.verify.sent', { message: r.message }) });
    } catch (e) {
      setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setSending(false);
    }
  }
  return (
    <section role="status" className="rounded-2xl border border-warning/40 bg-warning/10 px-6 py-5" data-testid="account-verify-email">
      <p className="flex items-center gap-2 text-sm font-medium">
        <MailWarning aria-hidden className="size-4" />
        {t('account.verify.title')}
      </p>
      <p className="mt-1 text-sm text-ink-muted">{t('account.verify.body', { email })}</p>
      <div className="mt-4 flex gap-2">
        <Button size="sm" icon={Send} disabled={sending} onClick={() => void resend()}>
          {sending ? t('account.verify.resending') : t('account.verify.resend')}
        </Button>
        <Button size="sm" icon={RefreshCw} onClick={() => void useAccount.getState().load()}>
          {t('account.verify.check')}
        </Button>
      </div>
      {note ? <p className={`mt-3 text-sm ${note.ok ? 'text-ink-muted' : 'text-danger'}`} data-testid="account-verify-note">{note.text}</p> : null}
    </section>
  );
}
