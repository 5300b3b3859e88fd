import { Hono } from 'hono';
import type { Env } from './env';

export interface AuthUser {
  id: string;
  role: 'user' | 'admin';
  via: 'jwt' | 'apikey';
  tier: string;
}

export type AppEnv = { Bindings: Env; Variables: { user: AuthUser } };

export const newApp = () => new Hono<AppEnv>();
