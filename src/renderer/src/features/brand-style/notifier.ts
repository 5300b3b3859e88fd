import { api } from '../../api/client';
import { useBrands } from '../../stores/brands';
import { useToasts } from '../../stores/toasts';

/**
 * App-wide: "Your custom brand style is ready" wherever the user is when a training finishes.
 * Returns the unsubscribe function.
 */
export function subscribeToBrandStyleReady(): () => void {
  return api.brandStyle.onChanged((e) => {
    if (!e.justReady) return;
    const name = useBrands.getState().brands.find((b) => b.id === e.brandId)?.name ?? '';
    useToasts.getState().success('brandStyle.readyToast', { name });
  });
}
