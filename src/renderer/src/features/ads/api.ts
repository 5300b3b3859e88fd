/** The Ads area's calls, from the one api client (channel names live there). */
import { api } from '../../api/client';

export const adsApi = {
  ...api.ads,
  onChanged: api.events.onProjectChanged,
  onDelta: api.events.onChatDelta,
  onProgress: api.events.onRunProgress,
};
