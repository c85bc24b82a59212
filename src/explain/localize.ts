// The one place that decides which language `l10n.t` answers in. `@vscode/l10n` keeps a
// single global bundle, so every renderer runs inside `inLocale`, which installs the bundle
// for its locale first. English is the empty bundle: the strings in the code are English.
import * as l10n from '@vscode/l10n';
import japanese from '../../l10n/bundle.l10n.ja.json';

export type Locale = 'en' | 'ja';

const bundles: Record<Locale, l10n.l10nJsonFormat> = { en: {}, ja: japanese };

/** VS Code's display language (`ja`, `ja-JP`, `en-US`, ...) or a `--locale` value, as a locale we ship. */
export function parseLocale(language: string): Locale {
  return /^ja(?:[-_]|$)/i.test(language.trim()) ? 'ja' : 'en';
}

/** Runs `render` with `l10n.t` translating into `locale`. Rendering is synchronous, so no other render can interleave. */
export function inLocale<T>(locale: Locale, render: () => T): T {
  l10n.config({ contents: bundles[locale] });
  return render();
}
