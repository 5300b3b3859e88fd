import type { Handlers } from '../handlers';
import { approveStyle, cancelStyle, retryStyle, styleView } from './service';

export const brandStyleHandlers: Pick<Handlers, 'brand/style' | 'brand/styleApprove' | 'brand/styleRetry' | 'brand/styleCancel'> = {
  'brand/style': (ctx, { brandId }) => styleView(ctx, brandId),
  'brand/styleApprove': (ctx, { brandId, approved }) => approveStyle(ctx, brandId, approved),
  'brand/styleRetry': (ctx, { brandId }) => retryStyle(ctx, brandId),
  'brand/styleCancel': (ctx, { brandId }) => cancelStyle(ctx, brandId),
};
