import { useEffect } from 'react';
import { useNavigation } from '../../stores/navigation';
import { subscribeToAdEvents, useAds } from './store';
import { AdsList } from './AdsList';
import { AdWorkspace } from './AdWorkspace';

/** Ads: the list, or one ad's workspace (chat → review → generation → result). */
export function AdsScreen() {
  const openId = useAds((s) => s.openId);
  const visits = useNavigation((s) => s.visits);
  useEffect(() => subscribeToAdEvents(), []);
  // The Ads nav item (or the menu's "New ad") opens the list, also from inside an ad (issue 19
  // #11: it reopened the last ad). Coming back from "Open in the editor" is a visit too.
  useEffect(() => {
    useAds.getState().open(null);
  }, [visits]);
  return openId ? <AdWorkspace /> : <AdsList />;
}
