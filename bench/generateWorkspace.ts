// A generated workspace of n modules, each with what the rules look at: independent and
// dependent awaits, an await per loop pass, a blocking read in async code, and two
// shared locks taken in a consistent order (plus, in one module in fifty, the opposite
// order, which closes a cycle in the lock graph). Every module imports the one before it,
// so whole-program facts span the workspace. The text depends only on n and the index.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linkNodeModules, writeTsconfig, type Corpus } from './corpora';

function moduleText(index: number): string {
  const previous = index === 0 ? undefined : `./module${index - 1}.js`;
  const reversed = index % 50 === 49;
  const [first, second] = reversed ? ['auditLock', 'ledgerLock'] : ['ledgerLock', 'auditLock'];
  return `import { readFileSync } from 'node:fs';
import { auditLock, ledgerLock } from './locks.js';
${previous ? `import { totals${index - 1} } from '${previous}';` : ''}

interface Order${index} { id: string; total: number; customer: string }
declare function fetchOrder${index}(id: string): Promise<Order${index}>;
declare function fetchCustomer${index}(id: string): Promise<{ name: string }>;
declare function record${index}(entry: string): Promise<void>;

export async function summary${index}(orderId: string, customerId: string) {
  const order = await fetchOrder${index}(orderId);
  const customer = await fetchCustomer${index}(customerId);
  const total = order.total * 1.2;
  const receipt = await record${index}(\`\${customer.name}: \${total}\`);
  return { order, customer, receipt };
}

export async function totals${index}(ids: string[]) {
  let sum = 0;
  for (const id of ids) {
    const order = await fetchOrder${index}(id);
    sum += order.total;
  }
  return sum;
}

export async function pages${index}(start: string) {
  let cursor: string | undefined = start;
  while (cursor) {
    const order: Order${index} = await fetchOrder${index}(cursor);
    cursor = order.total > 100 ? order.id : undefined;
  }
}

export async function config${index}(file: string) {
  const text = readFileSync(file, 'utf8');
  await record${index}(text);
  return text.length;
}

export async function settle${index}(entry: string): Promise<void> {
  const releaseFirst = await ${first}.acquire();
  const releaseSecond = await ${second}.acquire();
  try {
    await record${index}(entry);${previous ? `\n    await totals${index - 1}([entry]);` : ''}
  } finally {
    releaseSecond();
    releaseFirst();
  }
}
`;
}

const LOCKS = `import { Mutex } from 'async-mutex';

export const ledgerLock = new Mutex();
export const auditLock = new Mutex();
`;

/** Writes the workspace to `<scratch>/generated-<n>` and returns it as a corpus. */
export function generateWorkspace(scratch: string, n: number): Corpus {
  const root = path.join(scratch, `generated-${n}`);
  const src = path.join(root, 'src');
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(src, 'locks.ts'), LOCKS);
  let lineCount = LOCKS.split('\n').length;
  for (let index = 0; index < n - 1; index++) {
    const text = moduleText(index);
    fs.writeFileSync(path.join(src, `module${index}.ts`), text);
    lineCount += text.split('\n').length;
  }
  writeTsconfig(root);
  linkNodeModules(root);
  return { name: `generated ${n.toLocaleString('en-US')}`, root, fileCount: n, lineCount };
}

/** One module made at least `lines` long (for the editor-latency measure): more of the same functions, renamed. */
export function growModule(corpus: Corpus, index: number, lines: number): string {
  const file = path.join(corpus.root, 'src', `module${index}.ts`);
  const base = fs.readFileSync(file, 'utf8');
  const body = base.replace(/^(import|interface|declare) .*\n/gm, '');
  const parts = [base];
  // Whole copies only: a cut-off function would be a syntax error, and the server keeps the
  // last good findings instead of publishing new ones.
  for (let copy = 0; parts.join('\n').split('\n').length < lines; copy++) {
    parts.push(body.replace(/export async function (\w+)\(/g, `export async function $1_${copy}(`));
  }
  const text = parts.join('\n');
  fs.writeFileSync(file, text);
  return file;
}
