// VS Code shows a display language only when a language pack for it is installed:
// without one, `--locale ja` resolves to English and `vscode.env.language` stays
// `en`, on the desktop as in code-server. The official Japanese pack comes from the
// Marketplace, which this machine cannot reach, so the profile gets a minimal pack
// instead: the same manifest shape, with no translations of VS Code's own strings
// (the workbench stays English; the extension host runs in `ja`, which is what
// decides the extension's language).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Adds a language pack for `languageId` to a user data folder and records it in
 * `languagepacks.json`, exactly as VS Code's language-pack service does after it
 * installs one (code-server's `--install-extension` does not run that step).
 */
export function addLanguagePack(userDataDir, { languageId, languageName, localizedLanguageName }) {
  const id = `kitchen-sync-e2e.language-pack-${languageId}`;
  const version = '1.0.0';
  const packDir = path.join(userDataDir, 'language-packs', id);
  const translationsFile = path.join(packDir, 'translations', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translationsFile), { recursive: true });
  fs.writeFileSync(translationsFile, JSON.stringify({ version, contents: {} }));
  fs.writeFileSync(
    path.join(packDir, 'package.json'),
    JSON.stringify(
      {
        name: `language-pack-${languageId}`,
        publisher: 'kitchen-sync-e2e',
        version,
        engines: { vscode: '*' },
        categories: ['Language Packs'],
        contributes: {
          localizations: [{ languageId, languageName, localizedLanguageName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
        },
      },
      null,
      2,
    ),
  );
  const languagePacksFile = path.join(userDataDir, 'languagepacks.json');
  const languagePacks = fs.existsSync(languagePacksFile) ? JSON.parse(fs.readFileSync(languagePacksFile, 'utf8')) : {};
  languagePacks[languageId] = {
    hash: createHash('md5').update(id).update(version).digest('hex'),
    extensions: [{ extensionIdentifier: { id }, version }],
    translations: { vscode: translationsFile },
    label: localizedLanguageName,
  };
  fs.writeFileSync(languagePacksFile, JSON.stringify(languagePacks));
}
