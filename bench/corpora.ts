// The real code the bench runs on: TypeScript sources that npm packages ship, copied into
// a scratch folder with a tsconfig.json that makes tsc accept them (the packages build
// with their own tooling, which is not installed). Test files are left out: they import
// test runners that are not installed either. `node_modules` is a link to this
// repository's, so dependencies and @types resolve as they do here.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..');

export interface Corpus {
  name: string;
  /** The folder holding tsconfig.json, src/ and the link to node_modules. */
  root: string;
  /** Analysed files (what tsc and ESLint see too). */
  fileCount: number;
  lineCount: number;
}

export const REAL_CORPORA = [
  { name: 'effect', source: 'effect/src' },
  { name: 'zod', source: 'zod/src' },
  { name: 'openai', source: 'openai/src' },
  { name: 'anthropic-sdk', source: '@anthropic-ai/sdk/src' },
] as const;

const TEST_FILE = /(^|[\\/])(tests?|__tests__|benchmarks)([\\/]|$)|\.(test|spec|bench)\.[cm]?tsx?$/;
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;

/**
 * One compiler setup for all four: extensionless imports (the SDKs), `.js` imports (zod)
 * and `.ts` imports (effect) all resolve under `bundler` with TypeScript extensions allowed.
 */
export const CORPUS_COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  allowImportingTsExtensions: true,
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  types: ['node'],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

export function writeTsconfig(root: string, include: string[] = ['src']): void {
  fs.writeFileSync(path.join(root, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: CORPUS_COMPILER_OPTIONS, include }, null, 2)}\n`);
}

/** The package.json and node_modules link every scratch corpus needs. */
export function linkNodeModules(root: string): void {
  fs.writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ name: `bench-${path.basename(root)}`, private: true, type: 'module' })}\n`);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
}

export function prepareRealCorpus(scratch: string, corpus: (typeof REAL_CORPORA)[number]): Corpus | undefined {
  const source = path.join(REPO_ROOT, 'node_modules', corpus.source);
  if (!fs.existsSync(source)) return undefined;
  const root = path.join(scratch, corpus.name);
  fs.mkdirSync(root, { recursive: true });
  let fileCount = 0;
  let lineCount = 0;
  fs.cpSync(source, path.join(root, 'src'), {
    recursive: true,
    filter: (from) => {
      const relative = path.relative(source, from);
      if (TEST_FILE.test(relative)) return false;
      if (fs.statSync(from).isDirectory()) return true;
      if (!SOURCE_FILE.test(from) || from.endsWith('.d.ts')) return false;
      fileCount++;
      lineCount += countLines(fs.readFileSync(from, 'utf8'));
      return true;
    },
  });
  writeTsconfig(root);
  linkNodeModules(root);
  return { name: corpus.name, root, fileCount, lineCount };
}

export function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** A copy of a corpus folder (its node_modules link stays a link), for fixes to edit. */
export function copyCorpus(corpus: Corpus, to: string): Corpus {
  fs.cpSync(corpus.root, to, { recursive: true, verbatimSymlinks: true });
  return { ...corpus, root: to };
}
