/** Contract handlers for the account channels (see src/shared/contract.ts). */
import type { Handlers } from '../handlers';
import { accountView, login, logout, quote, resendVerification, signup } from './service';

export const accountHandlers: Pick<Handlers, 'account/get' | 'account/signup' | 'account/login' | 'account/logout' | 'account/quote' | 'account/resendVerification'> = {
  'account/get': (ctx) => accountView(ctx),
  'account/signup': (ctx, input) => signup(ctx, input),
  'account/login': (ctx, input) => login(ctx, input),
  'account/logout': (ctx) => logout(ctx),
  'account/quote': (ctx, input) => quote(ctx, input),
  'account/resendVerification': (ctx) => resendVerification(ctx),
};
