import { useCallback, useEffect, useState } from 'react';
import type { BrandStyleView } from '../../../../shared/domain/brand-style';
import { api, toAppError } from '../../api/client';
import { useToasts } from '../../stores/toasts';

/** The brand's learned style, refetched whenever the backend says it changed. */
export function useBrandStyle(brandId: string) {
  const [view, setView] = useState<BrandStyleView | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      api.brandStyle.get(brandId).then(
        (v) => {
          if (!live) return;
          setView(v);
          setFailed(false);
        },
        () => {
          if (live) setFailed(true);
        },
      );
    void load();
    const off = api.brandStyle.onChanged((e) => {
      if (e.brandId === brandId) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [brandId]);

  const act = useCallback(async (fn: () => Promise<BrandStyleView>) => {
    setBusy(true);
    try {
      setView(await fn());
    } catch (err) {
      useToasts.getState().error(toAppError(err));
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    view,
    failed,
    busy,
    approve: (approved: boolean) => act(() => api.brandStyle.approve(brandId, approved)),
    retry: () => act(() => api.brandStyle.retry(brandId)),
    cancel: () => act(() => api.brandStyle.cancel(brandId)),
  };
}
