// Types for languagePack.mjs.
export function addLanguagePack(userDataDir: string, language: { languageId: string; languageName: string; localizedLanguageName: string }): void;
