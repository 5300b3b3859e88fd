import { useEffect, useState, type FormEvent } from 'react';
import { KeyRound, LogOut, RefreshCw, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/domain/account';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useNavigation } from '../../stores/navigation';
import { QuoteCard } from './QuoteCard';
import { BillingCard } from './BillingCard';
import { StoreNote } from './StoreNote';
import { useAccount } from './store';

export function AccountScreen() {
  const { t } = useTranslation();
  const view = useAccount((s) => s.view);
  useEffect(() => {
    void useAccount.getState().load();
  }, []);

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-10 py-10" data-testid="account-screen">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t('account.title')}</h1>
        <p className="mt-1 text-sm text-ink-muted">{t('account.subtitle')}</p>
      </header>
      {!view ? null : !view.proxyUrl ? <NoProxy /> : view.signedIn ? <SignedIn view={view} /> : <SignInForm view={view} />}
      <ErrorLine />
      {view ? <StoreNote store={view.store} /> : null}
    </div>
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
  if (!error) return null;
  return (
    <p role="alert" className="rounded-xl border border-danger/40 bg-danger/10 px-4 py-3 text-sm" data-testid="account-error">
      <span className="font-medium">{t(`errors.${error.code}`)}</span> {error.message}
    </p>
  );
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
      {view.problem ? <p className="mb-4 text-sm text-ink-muted">{view.problem.message}</p> : null}
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
      {u ? <QuoteCard /> : null}
      {u ? <BillingCard usage={u} /> : null}
    </>
  );
}
