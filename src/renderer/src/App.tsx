import { useEffect } from 'react';
import { AppShell } from './features/shell/AppShell';
import { subscribeToBrandChanges } from './stores/brands';
import { useSettings } from './stores/settings';

export function App() {
  useEffect(() => {
    // Settings first: they carry the preferred language.
    void useSettings.getState().load();
    return subscribeToBrandChanges();
  }, []);
  return <AppShell />;
}
