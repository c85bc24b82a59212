// A command-line package: the nearest `package.json` above a file declares `bin`. Its code
// runs as the commands people start, one at a time, and as whatever servers those commands
// start (a local emulator, a dev server).
import * as path from 'node:path';
import type { FileSystemHost, SourceFile, ts } from 'ts-morph';
import { WeakCache } from '../analysisCaches';

// Per folder, so that each manifest is read once. Depends on: the `package.json` files on
// disk, read again for each program, so that an edited one counts from the next analysis on.
const answersByProgram = new WeakCache<ts.Program, Map<string, boolean>>();

export function isInCliPackage(sourceFile: SourceFile): boolean {
  const project = sourceFile.getProject();
  const program = project.getProgram().compilerObject;
  const answers = answersByProgram.get(program, () => new Map<string, boolean>());
  return nearestManifestDeclaresBin(project.getFileSystem(), sourceFile.getDirectoryPath(), answers);
}

/** Walks up from `folder` to the first `package.json`, wherever the tsconfig is; that one alone decides. */
function nearestManifestDeclaresBin(fileSystem: FileSystemHost, folder: string, answers: Map<string, boolean>): boolean {
  const known = answers.get(folder);
  if (known !== undefined) return known;
  const manifest = path.join(folder, 'package.json');
  const parent = path.dirname(folder);
  let answer: boolean;
  if (fileExists(fileSystem, manifest)) answer = declaresBin(fileSystem, manifest);
  else answer = parent !== folder && nearestManifestDeclaresBin(fileSystem, parent, answers);
  answers.set(folder, answer);
  return answer;
}

function fileExists(fileSystem: FileSystemHost, file: string): boolean {
  try {
    return fileSystem.fileExistsSync(file);
  } catch {
    return false;
  }
}

/** `"bin": "cli.js"` or `"bin": { "tool": "cli.js" }`; a manifest that cannot be read or parsed declares nothing. */
function declaresBin(fileSystem: FileSystemHost, manifest: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileSystem.readFileSync(manifest));
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || !('bin' in parsed)) return false;
  const { bin } = parsed;
  if (typeof bin === 'string') return bin.length > 0;
  return typeof bin === 'object' && bin !== null && Object.keys(bin).length > 0;
}
