import { useEffect } from 'react';
import { AppShell } from './features/shell/AppShell';
import { subscribeToBrandChanges } from './stores/brands';
import { subscribeToBrandStyleReady } from './features/brand-style/notifier';
import { useSettings } from './stores/settings';

export function App() {
  useEffect(() => {
    // Settings first: they carry the preferred language.
    void useSettings.getState().load();
    const offStyle = subscribeToBrandStyleReady();
    const offBrands = subscribeToBrandChanges();
    return () => {
      offStyle();
      offBrands();
    };
  }, []);
  return <AppShell />;
}
