import { useEffect } from 'react';
import { ExternalLink, Link2, Unlink } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ConnectionView } from '../../../../shared/domain/publish';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { SettingsCard } from '../settings/SettingsScreen';
import { usePublish } from './store';

export function AccountAvatar({ c, size = 40 }: { c: ConnectionView; size?: number }) {
  const initial = (c.account?.name ?? c.network).slice(0, 1).toUpperCase();
  return c.account?.avatarDataUrl ? (
    <img src={c.account.avatarDataUrl} alt="" width={size} height={size} className="shrink-0 rounded-full border border-line object-cover" style={{ width: size, height: size }} />
  ) : (
    <span aria-hidden className="flex shrink-0 items-center justify-center rounded-full bg-raised text-sm font-semibold text-ink-muted" style={{ width: size, height: size }}>
      {initial}
    </span>
  );
}

function ConnectionRow({ c }: { c: ConnectionView }) {
  const { t } = useTranslation();
  const { flows, connect, cancelConnect, disconnect } = usePublish();
  const flow = flows[c.network];
  const network = t(`publish.networks.${c.network}`);
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0" data-testid={`connection-${c.network}`}>
      <div className="flex items-center gap-3">
        <AccountAvatar c={c} />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold">{network}</p>
          <p className="truncate text-[13px] text-ink-muted">
            {c.state === 'disconnected' ? t('publish.connections.notConnected') : t('publish.connections.connectedAs', { name: [c.account?.name, c.account?.handle].filter(Boolean).join(' · ') })}
          </p>
        </div>
        {c.state === 'connected' ? (
          <Button size="sm" variant="ghost" icon={Unlink} onClick={() => void disconnect(c.network)}>
            {t('publish.connections.disconnect')}
          </Button>
        ) : (
          <Button size="sm" variant={c.state === 'needs_reconnect' ? 'primary' : 'secondary'} icon={Link2} disabled={!c.available || Boolean(flow)} onClick={() => void connect(c.network)}>
            {t(c.state === 'needs_reconnect' ? 'publish.connections.reconnect' : 'publish.connections.connect', { network })}
          </Button>
        )}
      </div>
      {c.state === 'needs_reconnect' ? (
        <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-[13px]">
          {t('publish.connections.needsReconnect', { network })}
        </p>
      ) : null}
      {!c.available && c.problem ? <p className="text-[13px] text-ink-faint">{c.problem}</p> : null}
      {flow ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-line bg-raised px-3 py-2 text-[13px]" data-testid={`connect-flow-${c.network}`}>
          <Spinner />
          <span className="flex-1">
            {t('publish.connections.waiting', { network })} {t('publish.connections.waitingUntil', { time: new Date(flow.expiresAt).toLocaleTimeString() })}
          </span>
          <a href={flow.authorizeUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-medium text-accent underline" data-testid={`connect-link-${c.network}`}>
            <ExternalLink aria-hidden className="size-3.5" /> {t('publish.connections.openLink')}
          </a>
          <Button size="sm" variant="ghost" onClick={() => void cancelConnect(c.network)}>
            {t('publish.connections.cancel')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/** Settings › Connections: connect, reconnect and disconnect X and LinkedIn; who is connected. */
export function ConnectionsSection() {
  const { t } = useTranslation();
  const { connections, load } = usePublish();
  useEffect(() => {
    void load();
  }, [load]);
  const store = connections?.[0]?.store ?? 'keychain';
  return (
    <SettingsCard title={t('publish.connections.title')} hint={t('publish.connections.hint', { store: t(`account.store.${store}`) })} testId="settings-connections">
      {connections ? (
        <ul className="divide-y divide-line">
          {connections.map((c) => (
            <ConnectionRow key={c.network} c={c} />
          ))}
        </ul>
      ) : (
        <Spinner />
      )}
    </SettingsCard>
  );
}
