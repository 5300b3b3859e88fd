/**
 * The one typed contract between the renderer and the backend (Electron main, or the test
 * harness over WebSocket). Every channel is `'domain/verb' → { input: zod schema, output: type }`.
 * Main registers a handler for every entry; preload exposes only `invoke` and `on`; renderer code
 * imports the `Api` type and never spells a channel string outside typed calls.
 *
 * Add channels here, next to the domain schemas in ./domain/*. Keep entries grouped by domain.
 */
import { z } from 'zod';
import type { Result } from './errors';
import {
  Brand,
  BrandCreateInput,
  BrandUpdateInput,
  Asset,
  AssetImportInput,
  AppInfo,
  Settings,
  SettingsPatch,
} from './domain';

const Id = z.string().min(1).max(64);
const None = z.object({}).strict();

/** Declares an output type without a runtime schema (outputs come from our own services). */
const out = <T>() => undefined as unknown as T;

export const channels = {
  'app/info': { input: None, output: out<AppInfo>() },

  'settings/get': { input: None, output: out<Settings>() },
  'settings/update': { input: SettingsPatch, output: out<Settings>() },

  'brand/list': { input: None, output: out<Brand[]>() },
  'brand/get': { input: z.object({ id: Id }).strict(), output: out<Brand>() },
  'brand/create': { input: BrandCreateInput, output: out<Brand>() },
  'brand/update': { input: BrandUpdateInput, output: out<Brand>() },
  /** A brand with ads is refused with CONFLICT (naming how many) unless `force: true`, which deletes its ads too. */
  'brand/delete': {
    input: z.object({ id: Id, force: z.boolean().optional() }).strict(),
    output: out<{ deleted: true; adsDeleted: number }>(),
  },

  'asset/import': { input: AssetImportInput, output: out<Asset[]>() },
  'asset/delete': { input: z.object({ id: Id }).strict(), output: out<{ deleted: true }>() },
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type InputOf<C extends Channel> = z.input<Channels[C]['input']>;
export type OutputOf<C extends Channel> = Channels[C]['output'];

/** Push events from backend to renderer: name → payload type. */
export interface Events {
  'brand/changed': { id: string };
}
export type EventName = keyof Events;

/** What preload exposes as `window.zapcut` (and the harness shim imitates exactly). */
export interface Api {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export const channelNames = Object.keys(channels) as Channel[];
