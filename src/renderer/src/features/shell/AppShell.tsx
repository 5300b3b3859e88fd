import { Clapperboard, CircleUserRound, Film, HardDrive, Layers, Settings as SettingsIcon, Sparkles, Zap, type LucideIcon } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Spinner';
import { Toaster } from '../../components/Toaster';
import { useNavigation, type Screen } from '../../stores/navigation';
import { useSettings } from '../../stores/settings';
import { BrandsScreen } from '../brands/BrandsScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { AccountBadge } from '../account/AccountBadge';
import { AccountScreen } from '../account/AccountScreen';

// The two largest screens load on first visit, so the window paints (Brands) without parsing them.
const AdsScreen = lazy(() => import('../ads/AdsScreen').then((m) => ({ default: m.AdsScreen })));
const EditorScreen = lazy(() => import('../editor/EditorScreen').then((m) => ({ default: m.EditorScreen })));
const BatchScreen = lazy(() => import('../batch/BatchScreen').then((m) => ({ default: m.BatchScreen })));

const items: { screen: Screen; icon: LucideIcon }[] = [
  { screen: 'brands', icon: Sparkles },
  { screen: 'ads', icon: Clapperboard },
  { screen: 'editor', icon: Film },
  { screen: 'batch', icon: Layers },
  { screen: 'settings', icon: SettingsIcon },
  { screen: 'account', icon: CircleUserRound },
];

const screenComponents: Record<Screen, React.ComponentType> = {
  brands: BrandsScreen,
  ads: AdsScreen,
  editor: EditorScreen,
  batch: BatchScreen,
  settings: SettingsScreen,
  account: AccountScreen,
};

export function AppShell() {
  const { t } = useTranslation();
  const screen = useNavigation((s) => s.screen);
  const go = useNavigation((s) => s.go);
  const version = useSettings((s) => s.info?.version);
  const Current = screenComponents[screen];

  return (
    <div className="flex h-full">
      <aside className="flex w-60 shrink-0 flex-col border-r border-line bg-surface/60">
        <div className="flex items-center gap-2.5 px-5 pt-6 pb-7">
          <div className="flex size-8 items-center justify-center rounded-lg bg-gradient-to-br from-accent to-[#ff5ca8] shadow-[0_6px_20px_-6px_var(--color-accent)]">
            <Zap aria-hidden className="size-4.5 fill-white text-white" strokeWidth={2.25} />
          </div>
          <div className="leading-tight">
            <p className="text-[15px] font-semibold tracking-tight">{t('common.appName')}</p>
            <p className="text-[11px] text-ink-faint">{t('common.tagline')}</p>
          </div>
        </div>
        <nav aria-label={t('nav.label')} className="flex flex-col gap-0.5 px-3">
          {items.map(({ screen: target, icon: Icon }) => {
            const active = target === screen;
            return (
              <button
                key={target}
                type="button"
                onClick={() => go(target)}
                aria-current={active ? 'page' : undefined}
                className={`group flex h-9 items-center gap-3 rounded-lg px-3 text-sm font-medium transition-colors ${
                  active ? 'bg-raised text-ink shadow-[inset_0_0_0_1px_var(--color-line)]' : 'text-ink-muted hover:bg-raised/60 hover:text-ink'
                }`}
              >
                <Icon aria-hidden className={`size-4 ${active ? 'text-accent' : 'text-ink-faint group-hover:text-ink-muted'}`} />
                {t(`nav.${target}`)}
              </button>
            );
          })}
        </nav>
        {/* The toasts' dock (issue 19 #16): the navigation column's empty space. The toasts sit here,
            in the top layer but anchored to this box, so they can never hide an action of a screen. */}
        <div data-testid="toast-dock" className="mt-3 min-h-0 flex-1 [anchor-name:--toast-dock]" />
        <AccountBadge />
        <div className="flex items-center gap-2 px-5 py-5 text-xs text-ink-faint">
          <HardDrive aria-hidden className="size-3.5" />
          <span>{t('nav.offline')}</span>
          {version ? <span className="ml-auto tabular-nums">{version}</span> : null}
        </div>
      </aside>
      <main className="min-w-0 flex-1 overflow-y-auto">
        <Suspense
          fallback={
            <div className="flex justify-center py-24">
              <Spinner className="size-6" label={t('common.loading')} />
            </div>
          }
        >
          <Current />
        </Suspense>
      </main>
      <Toaster />
    </div>
  );
}
