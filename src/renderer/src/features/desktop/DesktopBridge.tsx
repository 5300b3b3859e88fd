import { useEffect } from 'react';
import type { MenuCommand } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useNavigation } from '../../stores/navigation';
import { useCrash } from './crash-store';
import { installErrorReporting } from './error-reporting';
import { UnexpectedErrorNotice } from './CrashScreen';

/** Menu items main forwards to the renderer (the rest — open, logs, updates — main does itself). */
export function runMenuCommand(command: MenuCommand): void {
  const { go } = useNavigation.getState();
  // "New ad" is a dialog inside the Ads screen with no outside hook, so the menu opens Ads.
  if (command === 'project/new') go('ads');
  else if (command === 'project/export') go('editor');
  else if (command === 'app/settings') go('settings');
}

/** Connects the renderer to the desktop shell: error reporting, main's crash notices, menu commands. */
export function DesktopBridge() {
  useEffect(() => {
    const offErrors = installErrorReporting();
    const offs: Array<() => void> = [];
    try {
      offs.push(api.desktop.onUnexpectedError((e) => useCrash.getState().show(e.source)));
      offs.push(api.desktop.onMenuCommand(({ command }) => runMenuCommand(command)));
    } catch {
      // No bridge: the app shows its own "open inside Zapcut" errors elsewhere.
    }
    return () => {
      offErrors();
      for (const off of offs) off();
    };
  }, []);
  return <UnexpectedErrorNotice />;
}
