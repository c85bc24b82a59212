// Where an editor document lives for the analyzer. `file:` documents are their path on
// disk; untitled documents get a path under a folder that cannot exist, so they join the
// loose-files project and never collide with a real file.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const UNTITLED_FOLDER = path.resolve('/', '__kitchen-sync-untitled__');

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

/** The analyzer's path for a document, in ts-morph's form (forward slashes); undefined for schemes we do not analyse. */
export function documentPath(uri: string, languageId: string): string | undefined {
  if (uri.startsWith('file:')) return normalizePath(fileURLToPath(uri));
  if (uri.startsWith('untitled:')) {
    const name = uri.slice('untitled:'.length).replace(/[^\w.-]+/g, '_');
    return normalizePath(path.join(UNTITLED_FOLDER, `${name}${EXTENSION_BY_LANGUAGE[languageId] ?? '.ts'}`));
  }
  return undefined;
}

export function isUntitledPath(filePath: string): boolean {
  return filePath.startsWith(normalizePath(UNTITLED_FOLDER) + '/');
}

/** A URI for a file that is not open in the editor (open ones keep the client's own URI). */
export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** ts-morph keeps paths absolute with forward slashes; keys in our maps must match its `getFilePath()`. */
export function normalizePath(filePath: string): string {
  return path.resolve(filePath).replace(/\\/g, '/');
}
