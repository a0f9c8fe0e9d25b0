// The extension API under either name, and the UI strings from _locales (Dutch by default).

export const ext = globalThis.browser ?? globalThis.chrome;

/** A message from _locales; ids use '_' where categories use '-' (personal-data). */
export function t(key, substitutions) {
  return ext.i18n.getMessage(key.replaceAll('-', '_'), substitutions) || key;
}

/** Fills every [data-i18n] element's text and [data-i18n-title] title in a page. */
export function localize(root = document) {
  document.documentElement.lang = t('@@ui_locale').split('_')[0] || 'nl';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}
