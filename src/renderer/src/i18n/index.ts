import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type TranslationResources } from './resources';

declare module 'i18next' {
  // Typed keys: `t('brands.form.nme')` is a compile error, and so is an error code without a
  // message in errors.json (the toast calls `t(\`errors.${code}\`)`).
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: TranslationResources };
  }
}

export const defaultLocale = 'en';

void i18n.use(initReactI18next).init({
  resources,
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  // React escapes text itself; i18next escaping would double-escape names like "Café & Co".
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
