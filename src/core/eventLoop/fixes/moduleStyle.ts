// How a file writes and runs its modules, so that code a fix adds looks like the code
// around it: `import` or `require`, `'node:fs'` or `'fs'`, single or double quotes, and
// whether the file runs as an ES module (`import.meta.url`) or CommonJS (`__filename`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SyntaxKind, ts, type Node, type SourceFile } from 'ts-morph';
import { identifierIndex, requireCalls } from '../../identifierIndex';
import { moduleSpecifierOf } from '../../importedNames';
import { firstDescendantOfKind } from '../../syntaxDescendants';

/** `require` in a JavaScript file that has no `import` declarations; `import` everywhere else. */
export function moduleSyntax(sourceFile: SourceFile): 'esm' | 'cjs' {
  if (!/\.[cm]?jsx?$/.test(sourceFile.getFilePath())) return 'esm';
  if (sourceFile.getImportDeclarations().length > 0) return 'esm';
  if (/\.cjs$/.test(sourceFile.getFilePath())) return 'cjs';
  return requireCalls(sourceFile).length > 0 || runtimeFormat(sourceFile) === 'cjs' ? 'cjs' : 'esm';
}

/** The module format the file runs as, decided the way Node and the compiler decide it. */
export function runtimeFormat(sourceFile: SourceFile): 'esm' | 'cjs' {
  const file = sourceFile.getFilePath();
  if (/\.m[jt]s$/.test(file)) return 'esm';
  if (/\.c[jt]s$/.test(file)) return 'cjs';
  const module = sourceFile.getProject().getCompilerOptions().module;
  if (
    module === undefined ||
    module === ts.ModuleKind.Node16 ||
    module === ts.ModuleKind.Node18 ||
    module === ts.ModuleKind.Node20 ||
    module === ts.ModuleKind.NodeNext
  ) {
    return packageType(path.dirname(file)) === 'module' ? 'esm' : 'cjs';
  }
  return module === ts.ModuleKind.CommonJS || module === ts.ModuleKind.AMD || module === ts.ModuleKind.UMD || module === ts.ModuleKind.None ? 'cjs' : 'esm';
}

function packageType(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const manifest = path.join(current, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** `node:fs/promises` or `fs/promises`, as the file already names Node's own modules. */
export function builtinSpecifier(sourceFile: SourceFile, module: string): string {
  const specifiers = moduleSpecifiers(sourceFile);
  const prefixed = specifiers.filter((s) => s.startsWith('node:')).length;
  const bare = specifiers.filter((s) => NODE_BUILTINS.has(s)).length;
  return bare > prefixed ? module : `node:${module}`;
}

const NODE_BUILTINS = new Set([
  'fs',
  'fs/promises',
  'path',
  'crypto',
  'zlib',
  'util',
  'os',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'events',
  'stream',
  'url',
  'timers',
]);

function moduleSpecifiers(sourceFile: SourceFile): string[] {
  const out = sourceFile
    .getImportDeclarations()
    .map((d) => moduleSpecifierOf(d)?.getLiteralValue())
    .filter((specifier): specifier is string => specifier !== undefined);
  for (const call of requireCalls(sourceFile)) {
    const [arg] = call.arguments;
    if (arg && ts.isStringLiteral(arg)) out.push(arg.text);
  }
  return out;
}

/** The quote the file's module specifiers use. */
export function quoteOf(sourceFile: SourceFile): string {
  const quoted = sourceFile
    .getImportDeclarations()
    .map(moduleSpecifierOf)
    .find((specifier) => specifier !== undefined);
  const first = quoted?.getText() ?? firstDescendantOfKind(sourceFile, SyntaxKind.StringLiteral)?.getText();
  return first?.startsWith('"') ? '"' : "'";
}

/**
 * The text one indentation level adds in this file (two spaces when nothing says otherwise),
 * read from its first indented line of code: the space before a block comment's ` * ` lines
 * aligns the star and says nothing of the file's indentation.
 */
export function indentUnit(sourceFile: SourceFile): string {
  const match = /\n([ \t]+)(?!\*)\S/.exec(sourceFile.getFullText());
  if (!match) return '  ';
  return match[1].startsWith('\t') ? '\t' : match[1].length % 4 === 0 && match[1].length >= 4 ? '    ' : '  ';
}

/** The whitespace before a node on its line. */
export function indentationOf(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', node.getStart() - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** Whether the file may use types (TypeScript) rather than plain JavaScript. */
export function isTypeScript(sourceFile: SourceFile): boolean {
  return /\.[cm]?tsx?$/.test(sourceFile.getFilePath());
}

/** A name not yet used in the file: `base`, else `base2`, `base3`... */
export function freeName(sourceFile: SourceFile, base: string): string {
  const taken = identifierIndex(sourceFile);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
