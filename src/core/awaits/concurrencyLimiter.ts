// A concurrency limiter the user's package already uses (p-limit), so that the bounded fix
// for a loop over request input keeps a fixed number of calls in flight instead of waiting
// for each chunk to finish. The fix never adds a dependency: the package must list p-limit,
// and a file of the package must already import it, so the import the fix copies is one
// that works with this package's module system and p-limit's version.
import * as path from 'node:path';
import type { SourceFile, ts } from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import { moduleSyntax } from '../eventLoop/fixes/moduleStyle';
import { identifierIndex } from '../identifierIndex';
import { moduleSpecifierOf } from '../importedNames';
import { dependsOn, nearestManifest } from '../packageManifest';

export const LIMITER_MODULE = 'p-limit';

export interface Limiter {
  /** What the file calls p-limit's default export: `pLimit`. */
  name: string;
  /** The file does not import it yet: the fix adds `import <name> from 'p-limit'`. */
  needsImport: boolean;
}

// Per package folder: the name another file of the package imports p-limit by. Depends on:
// the program's files (their imports), so it is kept per program.
const namesByProgram = new WeakCache<ts.Program, Map<string, string | undefined>>();

/** The limiter the file can call, or undefined when its package does not use one. */
export function packageLimiter(sourceFile: SourceFile): Limiter | undefined {
  const own = defaultImportIn(sourceFile);
  if (own) return { name: own, needsImport: false };
  // Only an `import` can be copied as it is; a file that uses `require` keeps the chunked fix.
  if (moduleSyntax(sourceFile) !== 'esm') return undefined;
  const manifest = nearestManifest(sourceFile);
  if (!manifest || !dependsOn(manifest, LIMITER_MODULE)) return undefined;
  const project = sourceFile.getProject();
  const names = namesByProgram.get(project.getProgram().compilerObject, () => new Map());
  if (!names.has(manifest.folder)) {
    const inPackage = project
      .getSourceFiles()
      .filter((file) => !file.isDeclarationFile() && !file.isInNodeModules() && isWithin(file.getFilePath(), manifest.folder));
    names.set(
      manifest.folder,
      inPackage.map(defaultImportIn).find((name) => name !== undefined),
    );
  }
  const name = names.get(manifest.folder);
  // The name must be free in this file, where the import will bind it.
  return name && !identifierIndex(sourceFile).has(name) ? { name, needsImport: true } : undefined;
}

/** `pLimit` in `import pLimit from 'p-limit'`. */
function defaultImportIn(sourceFile: SourceFile): string | undefined {
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (moduleSpecifierOf(declaration)?.getLiteralValue() === LIMITER_MODULE) return declaration.getDefaultImport()?.getText();
  }
  return undefined;
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
