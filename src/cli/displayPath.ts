// How the text and SARIF formats name files: relative to the folder the user ran in, as
// ESLint and tsc print them, so terminals can link them and CI logs stay short.
import * as path from 'node:path';
import type { Position } from '../core';

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  // On Windows a file on another drive has no relative path; its absolute path is clearer.
  return relative === '' || path.isAbsolute(relative) ? file : relative;
}

/** `src/orders.ts:12:5`, one-based as editors and compilers print positions. */
export function displayLocation(file: string, position: Position | undefined, cwd: string): string {
  const where = displayPath(file, cwd);
  return position ? `${where}:${position.line + 1}:${position.character + 1}` : where;
}
