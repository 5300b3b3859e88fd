/**
 * The main process's own user-visible strings (the app menu) go through i18next like the
 * renderer's: resources in ./<locale>/*.json, one instance per locale. Role items (Copy, Quit…)
 * are translated by Electron/the OS.
 */
import i18next, { type TFunction } from 'i18next';
import menuEn from './en/menu.json';

const resources = { en: { menu: menuEn } } as const;
export type MainLocale = keyof typeof resources;

export async function mainTranslator(locale: string): Promise<TFunction<'menu'>> {
  const lng: MainLocale = locale in resources ? (locale as MainLocale) : 'en';
  const instance = i18next.createInstance();
  await instance.init({ lng, fallbackLng: 'en', ns: ['menu'], defaultNS: 'menu', resources, interpolation: { escapeValue: false } });
  return instance.getFixedT(lng, 'menu');
}

export type MenuLabelKey = keyof typeof menuEn;

/** Every label of src/main/electron/menu.ts's MenuLabels, translated. */
export function menuLabels(t: TFunction<'menu'>): Record<MenuLabelKey, string> {
  const keys = Object.keys(menuEn) as MenuLabelKey[];
  return Object.fromEntries(keys.map((k) => [k, t(k)])) as Record<MenuLabelKey, string>;
}
