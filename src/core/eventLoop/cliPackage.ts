// A command-line package: the nearest `package.json` above a file declares `bin`. Its code
// runs as the commands people start, one at a time, and as whatever servers those commands
// start (a local emulator, a dev server).
import type { SourceFile } from 'ts-morph';
import { nearestManifest } from '../packageManifest';

/** `"bin": "cli.js"` or `"bin": { "tool": "cli.js" }` in the package the file belongs to. */
export function isInCliPackage(sourceFile: SourceFile): boolean {
  const bin = nearestManifest(sourceFile)?.contents.bin;
  if (typeof bin === 'string') return bin.length > 0;
  return typeof bin === 'object' && bin !== null && Object.keys(bin).length > 0;
}
