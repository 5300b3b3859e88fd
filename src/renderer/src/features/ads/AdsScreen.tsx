import { useEffect } from 'react';
import { subscribeToAdEvents, useAds } from './store';
import { AdsList } from './AdsList';
import { AdWorkspace } from './AdWorkspace';

/** Ads: the list, or one ad's workspace (chat → review → generation → result). */
export function AdsScreen() {
  const openId = useAds((s) => s.openId);
  useEffect(() => {
    const off = subscribeToAdEvents();
    const s = useAds.getState();
    if (s.openId) void s.reload();
    else void s.loadList();
    return off;
  }, []);
  return openId ? <AdWorkspace /> : <AdsList />;
}
