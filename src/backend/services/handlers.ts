/**
 * The handler table: one entry per contract channel, typed against the contract so a missing or
 * mistyped handler is a compile error. Inputs arrive already validated by dispatch.
 */
import type { z } from 'zod';
import type { Channel, Channels, OutputOf } from '../../shared/contract';
import type { ServiceContext } from './context';
import { appInfo } from './app-info';
import { getSettings, updateSettings } from './settings';
import { createBrand, deleteBrand, getBrand, listBrands, updateBrand } from './brands';
import { deleteAsset, importAssets, removeBrandLogo, setBrandLogo, setProductRole } from './assets';
import { brandFontSamples, setBrandFont } from './brand-font';
import { projectHandlers } from './projects/handlers';
import { editorHandlers } from './editor/handlers';
import { desktopHandlers } from './desktop';
import { brandStyleHandlers } from './brand-style/handlers';
import { accountHandlers } from './account/handlers';
import { publishHandlers } from './publish/handlers';
import { billingHandlers } from './billing/handlers';
import { checkQuality } from './quality';
import { cancelVariants, listVariantSets, packVariants, cancelPack, quoteVariants, startVariants } from './variants/app';
import { batchHandlers } from './batch/handlers';

export type Handlers = {
  [C in Channel]: (ctx: ServiceContext, input: z.output<Channels[C]['input']>) => OutputOf<C> | Promise<OutputOf<C>>;
};

export const handlers: Handlers = {
  'app/info': (ctx) => appInfo(ctx),
  'settings/get': (ctx) => getSettings(ctx),
  'settings/update': (ctx, input) => updateSettings(ctx, input),
  'brand/list': (ctx) => listBrands(ctx),
  'brand/get': (ctx, { id }) => getBrand(ctx, id),
  'brand/create': (ctx, input) => createBrand(ctx, input),
  'brand/update': (ctx, input) => updateBrand(ctx, input),
  'brand/delete': (ctx, input) => deleteBrand(ctx, input),
  'brand/setLogo': (ctx, input) => setBrandLogo(ctx, input),
  'brand/setFont': (ctx, input) => setBrandFont(ctx, input),
  'brand/fontSamples': (ctx, input) => brandFontSamples(ctx, input.brandId),
  'brand/removeLogo': (ctx, { brandId }) => removeBrandLogo(ctx, brandId),
  'asset/import': (ctx, input) => importAssets(ctx, input),
  'asset/delete': (ctx, { id }) => deleteAsset(ctx, id),
  'asset/setRole': (ctx, input) => setProductRole(ctx, input),
  ...projectHandlers,
  ...editorHandlers,
  ...desktopHandlers,
  ...brandStyleHandlers,
  ...accountHandlers,
  ...publishHandlers,
  ...billingHandlers,
  ...batchHandlers,
  'quality/check': (ctx, input) => checkQuality(ctx, input),
  'variants/quote': (ctx, input) => quoteVariants(ctx, input),
  'variants/start': (ctx, input) => startVariants(ctx, input),
  'variants/cancel': (ctx, { jobId }) => cancelVariants(ctx, jobId),
  'variants/list': (ctx, { projectId }) => listVariantSets(ctx, projectId),
  'variants/pack': (ctx, input) => packVariants(ctx, input),
  'variants/packCancel': (ctx, { setId }) => cancelPack(ctx, setId),
};
