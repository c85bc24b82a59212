// The nearest `package.json` above a file, as npm and Node find it: the package the file
// belongs to, wherever its tsconfig is. Rules read what it declares (a `bin`, a dependency).
import * as path from 'node:path';
import type { FileSystemHost, SourceFile, ts } from 'ts-morph';
import { WeakCache } from './analysisCaches';

export interface PackageManifest {
  /** The folder that holds the `package.json`. */
  folder: string;
  /** Its parsed contents; empty when it cannot be read or parsed. */
  contents: Record<string, unknown>;
}

// Per folder, so that each manifest is read once. Depends on: the `package.json` files on
// disk, read again for each program, so that an edited one counts from the next analysis on.
const manifestsByProgram = new WeakCache<ts.Program, Map<string, PackageManifest | undefined>>();

export function nearestManifest(sourceFile: SourceFile): PackageManifest | undefined {
  const project = sourceFile.getProject();
  const known = manifestsByProgram.get(project.getProgram().compilerObject, () => new Map());
  return manifestAbove(project.getFileSystem(), sourceFile.getDirectoryPath(), known);
}

/** Whether the package lists `name` among the packages it installs (`dependencies` or `devDependencies`). */
export function dependsOn(manifest: PackageManifest, name: string): boolean {
  return [manifest.contents.dependencies, manifest.contents.devDependencies].some((deps) => typeof deps === 'object' && deps !== null && name in deps);
}

function manifestAbove(fileSystem: FileSystemHost, folder: string, known: Map<string, PackageManifest | undefined>): PackageManifest | undefined {
  if (known.has(folder)) return known.get(folder);
  const file = path.join(folder, 'package.json');
  const parent = path.dirname(folder);
  let manifest: PackageManifest | undefined;
  if (fileExists(fileSystem, file)) manifest = { folder, contents: readJson(fileSystem, file) };
  else manifest = parent !== folder ? manifestAbove(fileSystem, parent, known) : undefined;
  known.set(folder, manifest);
  return manifest;
}

function fileExists(fileSystem: FileSystemHost, file: string): boolean {
  try {
    return fileSystem.fileExistsSync(file);
  } catch {
    return false;
  }
}

/** A manifest that cannot be read or parsed declares nothing. */
function readJson(fileSystem: FileSystemHost, file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(fileSystem.readFileSync(file));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
