/** Contract handlers for the billing channels (see src/shared/domain/billing.ts). */
import type { Handlers } from '../handlers';
import { billingPlans, openCheckout, openPortal, stopWaiting } from './service';

export const billingHandlers: Pick<Handlers, 'billing/plans' | 'billing/checkout' | 'billing/portal' | 'billing/stopWaiting'> = {
  'billing/plans': (ctx) => billingPlans(ctx),
  'billing/checkout': (ctx, input) => openCheckout(ctx, input),
  'billing/portal': (ctx) => openPortal(ctx),
  'billing/stopWaiting': (ctx) => stopWaiting(ctx),
};
