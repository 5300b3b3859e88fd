/**
 * English UI strings, one JSON file per area, merged into i18next's default namespace so keys
 * read as `brands.form.name` or `errors.NOT_FOUND`. Keys are typed (see ./index.ts), so a missing
 * key is a compile error. Add a locale by adding a folder beside en/ with the same files.
 */
import account from './en/account.json';
import ads from './en/ads.json';
import brands from './en/brands.json';
import batch from './en/batch.json';
import brandStyle from './en/brandStyle.json';
import common from './en/common.json';
import desktop from './en/desktop.json';
import editor from './en/editor.json';
import errors from './en/errors.json';
import nav from './en/nav.json';
import publish from './en/publish.json';
import quality from './en/quality.json';
import settings from './en/settings.json';
import variants from './en/variants.json';

export const en = { common, nav, brands, brandStyle, settings, errors, ads, editor, account, desktop, publish, quality, variants, batch };

export type TranslationResources = typeof en;

export const resources = { en: { translation: en } } as const;
