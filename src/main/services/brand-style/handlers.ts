import type { Handlers } from '../handlers';
import { approveStyle, retryStyle, styleView } from './service';

export const brandStyleHandlers: Pick<Handlers, 'brand/style' | 'brand/styleApprove' | 'brand/styleRetry'> = {
  'brand/style': (ctx, { brandId }) => styleView(ctx, brandId),
  'brand/styleApprove': (ctx, { brandId, approved }) => approveStyle(ctx, brandId, approved),
  'brand/styleRetry': (ctx, { brandId }) => retryStyle(ctx, brandId),
};
