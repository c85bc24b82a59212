// Inputs that break analyzers: each case is a small workspace, written to a temp folder by
// `writeCase`. Sizes are the (50,000 lines, nesting 5,000 deep); the bytes are
// fixed (a seeded generator for the garbage), so a failure reproduces.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SEED_CODE } from './seedCode';

export interface HardCase {
  name: string;
  files: Record<string, string | Buffer>;
  /** Problem kinds the analysis must report (each at least once). */
  expectProblems?: ReadonlyArray<'config' | 'read' | 'parse' | 'skipped'>;
  /** The rules must still find something: the hard part did not hide the rest of the code. */
  expectFindings?: boolean;
  /** The text under a sequential-await finding, read with LSP's line breaks: ranges count lines as editors do. */
  textAtSequentialAwait?: string;
  /** The CLI's exit code when it is not 0 or 1 (2: nothing to analyse). */
  cliExitCode?: number;
}

const STRICT_TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022'],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
});

export const NESTING_DEPTH = 5_000;
export const LONG_FILE_LINES = 50_000;

/** A small deterministic generator (mulberry32), so garbage bytes are the same on every run. */
function randomBytes(seed: number, length: number, allowNul: boolean): Buffer {
  let state = seed;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const byte = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    bytes[i] = allowNul || byte !== 0 ? byte : 0x20;
  }
  return bytes;
}

/** The seed code repeated, each copy's exported names made unique, up to `lines` lines. */
function longFile(lines: number): string {
  const copyLines = SEED_CODE.split('\n').length;
  const body = SEED_CODE.replace(/^import .*\n/gm, '')
    .replace(/^declare .*\n/gm, '')
    .replace(/^const \w+Lock = .*\n/gm, '');
  const header = SEED_CODE.split('\n')
    .filter((line) => /^(import|declare|const \w+Lock)/.test(line))
    .join('\n');
  const copies: string[] = [header];
  for (let copy = 0; copies.length * copyLines < lines; copy++) copies.push(body.replace(/export async function (\w+)/g, `export async function $1_${copy}`));
  const text = copies.join('\n');
  const all = text.split('\n');
  return `${all.slice(0, lines - 1).join('\n')}\n`;
}

function nestedBlocks(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => `if (ids.length > ${i % 7}) {`).join('\n');
  return `declare function fetchUser(id: string): Promise<string>;
export async function deep(ids: string[]) {
${open}
const a = await fetchUser(ids[0]);
const b = await fetchUser(ids[1]);
console.log(a, b);
${'}\n'.repeat(depth)}}
`;
}

function nestedExpressions(depth: number): string {
  return `declare function fetchUser(id: string): Promise<number>;
export async function parens() {
  return ${'('.repeat(depth)}await fetchUser('a')${')'.repeat(depth)};
}
export const arrays = ${'['.repeat(depth)}1${']'.repeat(depth)};
export const callbacks = ${'async () => '.repeat(depth)}await fetchUser('b');
export async function chain(n: number) {
  return ${Array.from({ length: depth }, (_, i) => `n * ${i}`).join(' + ')} + (await fetchUser('c'));
}
export async function ternaries(n: number) {
  return ${Array.from({ length: depth }, (_, i) => `n === ${i} ? await fetchUser('${i}') : `).join('')}0;
}
`;
}

function hugeLiterals(): string {
  const numbers = Array.from({ length: 200_000 }, (_, i) => i % 997).join(',');
  const substitutions = Array.from({ length: 10_000 }, (_, i) => `\${x${i % 10}}`).join('-');
  return `${SEED_CODE}
export const blob = '${'a'.repeat(2_000_000)}';
export const table = [${numbers}];
const [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9] = table;
export const joined = \`${substitutions}\`;
`;
}

/** A left-deep tree 20,000 levels deep: wide in the text, deep in the syntax. */
function longConcatenation(): string {
  return `export const concatenated = ${Array.from({ length: 20_000 }, (_, i) => `'${i}'`).join(' + ')};\n`;
}

const JSDOC_JS = `// @ts-check
/** @typedef {{ id: string, name: string }} User */

/** @param {string} id @returns {Promise<User>} */
async function fetchUser(id) { return (await fetch(\`/users/\${id}\`)).json(); }

/** @param {string[]} ids */
export async function names(ids) {
  const first = await fetchUser(ids[0]);
  const second = await fetchUser(ids[1]);
  const all = [];
  for (const id of ids) all.push(await fetchUser(id));
  return [first, second, all];
}
`;

function circularImports(): Record<string, string> {
  return {
    'tsconfig.json': STRICT_TSCONFIG,
    'a.ts': `import { Mutex } from 'async-mutex';
import { fromB, bLock } from './b.js';
export const aLock = new Mutex();
export async function fromA(): Promise<number> {
  return aLock.runExclusive(() => bLock.runExclusive(async () => (await fromB()) + 1));
}
`,
    'b.ts': `import { Mutex } from 'async-mutex';
import { fromA, aLock } from './a.js';
import * as self from './b.js';
export const bLock = new Mutex();
export async function fromB(): Promise<number> {
  const x = await fromA();
  const y = await self.fromB();
  return bLock.runExclusive(() => aLock.runExclusive(async () => x + y));
}
`,
  };
}

export function hardCases(): HardCase[] {
  return [
    {
      name: 'syntax errors',
      files: { 'broken.ts': 'export async function f( { await g(; }\nconst = ;\n', 'fine.ts': SEED_CODE },
      expectProblems: ['parse'],
      expectFindings: true,
    },
    { name: 'truncated mid-function', files: { 'cut.ts': SEED_CODE.slice(0, Math.floor(SEED_CODE.length / 2)) }, expectProblems: ['parse'] },
    { name: 'truncated mid-token', files: { 'cut.ts': SEED_CODE.slice(0, SEED_CODE.indexOf('fetchOrders(id);') + 7) }, expectProblems: ['parse'] },
    { name: 'truncated in a string', files: { 'cut.ts': `${SEED_CODE}\nexport const s = 'unterminated` }, expectProblems: ['parse'] },
    { name: `${LONG_FILE_LINES.toLocaleString('en')}-line file`, files: { 'long.ts': longFile(LONG_FILE_LINES) }, expectFindings: true },
    // The parser gives out at this depth; at the next one it does not, but the checker would.
    {
      name: `blocks nested ${NESTING_DEPTH.toLocaleString('en')} deep`,
      files: { 'deep.ts': nestedBlocks(NESTING_DEPTH), 'fine.ts': SEED_CODE },
      expectProblems: ['parse'],
      expectFindings: true,
    },
    { name: 'blocks nested 1,000 deep', files: { 'deep.ts': nestedBlocks(1_000), 'fine.ts': SEED_CODE }, expectProblems: ['parse'], expectFindings: true },
    { name: 'blocks nested 200 deep', files: { 'deep.ts': nestedBlocks(200) }, expectFindings: true },
    {
      name: `expressions nested ${NESTING_DEPTH.toLocaleString('en')} deep`,
      files: { 'deep.ts': nestedExpressions(NESTING_DEPTH), 'fine.ts': SEED_CODE },
      expectFindings: true,
    },
    {
      name: 'binary garbage with NUL bytes',
      files: { 'garbage.ts': randomBytes(1, 64 * 1024, true), 'fine.ts': SEED_CODE },
      expectProblems: ['read'],
      expectFindings: true,
    },
    { name: 'binary garbage without NUL bytes', files: { 'garbage.ts': randomBytes(2, 64 * 1024, false) } },
    { name: 'byte order mark', files: { 'bom.ts': `\uFEFF${SEED_CODE}` }, expectFindings: true, textAtSequentialAwait: 'await fetchOrders(id)' },
    { name: 'CRLF line endings', files: { 'crlf.ts': SEED_CODE.replace(/\n/g, '\r\n') }, expectFindings: true, textAtSequentialAwait: 'await fetchOrders(id)' },
    { name: 'bare CR line endings', files: { 'cr.ts': SEED_CODE.replace(/\n/g, '\r') }, expectFindings: true, textAtSequentialAwait: 'await fetchOrders(id)' },
    {
      name: 'Unicode line separators in comments',
      files: { 'ls.ts': `// one\u2028two\u2029three\n${SEED_CODE.replace('export async function profile', '/* \u2028 */ export async function profile')}` },
      expectFindings: true,
      textAtSequentialAwait: 'await fetchOrders(id)',
    },
    {
      name: 'invalid UTF-8',
      files: {
        'latin1.ts': Buffer.concat([
          Buffer.from('// caf'),
          Buffer.from([0xe9, 0xff, 0xfe, 0xc3]),
          Buffer.from(`\nexport const s = '`),
          Buffer.from([0x80, 0xbf, 0xed, 0xa0, 0x80]),
          Buffer.from(`';\n${SEED_CODE}`),
        ]),
      },
      expectFindings: true,
      textAtSequentialAwait: 'await fetchOrders(id)',
    },
    { name: 'circular imports', files: circularImports() },
    { name: 'huge literals', files: { 'huge.ts': hugeLiterals() }, expectFindings: true },
    {
      name: 'a concatenation of 20,000 strings',
      files: { 'concatenated.ts': longConcatenation(), 'fine.ts': SEED_CODE },
      expectProblems: ['parse'],
      expectFindings: true,
    },
    {
      name: 'declaration files only',
      files: { 'tsconfig.json': STRICT_TSCONFIG, 'types.d.ts': 'export declare function fetchUser(id: string): Promise<string>;\n' },
      cliExitCode: 2,
    },
    {
      name: 'JavaScript with JSDoc types',
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true, checkJs: true, module: 'NodeNext', target: 'ES2022', noEmit: true } }),
        'users.js': JSDOC_JS,
      },
      expectFindings: true,
    },
    { name: 'no tsconfig.json', files: { 'loose.ts': SEED_CODE, 'loose.mjs': JSDOC_JS }, expectFindings: true },
    {
      name: 'JavaScript its tsconfig.json does not claim',
      files: { 'tsconfig.json': '{}', 'm.js': 'async function f(q) { await q.a({ id: 1 }); await q.b(); }\n', 'users.js': JSDOC_JS },
      expectFindings: true,
    },
    {
      name: 'imports whose module is not quoted',
      files: { 'unquoted.ts': `import * as x from module;\nimport { writeFileSync } from fs;\n${SEED_CODE}` },
      expectFindings: true,
      textAtSequentialAwait: 'await fetchOrders(id)',
    },
    {
      name: 'tsconfig.json that is not JSON',
      files: { 'tsconfig.json': '{ "compilerOptions": { "strict": tru', 'app.ts': SEED_CODE },
      expectProblems: ['config'],
      expectFindings: true,
    },
    {
      name: 'tsconfig.json extending a missing file',
      files: { 'tsconfig.json': JSON.stringify({ extends: './missing/base.json' }), 'app.ts': SEED_CODE },
      expectProblems: ['config'],
      expectFindings: true,
    },
    {
      name: 'tsconfig.json with wrong option values',
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES1999', module: 42, lib: ['nope'], strict: 'yes' }, include: 7 }),
        'app.ts': SEED_CODE,
      },
      expectProblems: ['config'],
      expectFindings: true,
    },
    { name: 'tsconfig.json that is binary', files: { 'tsconfig.json': randomBytes(3, 512, true), 'app.ts': SEED_CODE }, expectFindings: true },
    {
      name: 'empty and comment-only files',
      files: { 'empty.ts': '', 'comments.ts': '// nothing here\n/* or here */\n', 'shebang.js': '#!/usr/bin/env node\n' },
    },
    {
      name: 'JSX that does not close',
      files: { 'view.tsx': `export async function View() {\n  const a = await fetch('/a');\n  return <div><span>{a.status}</div>;\n}\n` },
      expectProblems: ['parse'],
    },
  ];
}

/** A folder name for a case. */
export function slugOf(hardCase: HardCase): string {
  return hardCase.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Writes every case to its own folder under one fresh temp folder, which is returned. */
export function writeCases(cases: readonly HardCase[]): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-hard-')));
  for (const hardCase of cases) {
    for (const [name, content] of Object.entries(hardCase.files)) {
      const file = path.join(root, slugOf(hardCase), name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
  return root;
}
