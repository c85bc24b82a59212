// What the examples workspace (a copy of examples/) must show in the editor: every
// finding with its exact range, the text under that range, and the fixes with the exact
// text they produce. These are the facts a user sees; they are written out by hand, not
// computed by the analyzer under test.
import type { DiagnosticSummary } from './workspaceHelpers';

export interface ExpectedFinding extends DiagnosticSummary {
  /** The source text the range covers. */
  text: string;
  /** Related locations ("waits behind this await", "takes from.lock here") as `file:line`, 1-based. */
  related: string[];
}

function finding(
  code: string,
  range: DiagnosticSummary['range'],
  text: string,
  related: string[] = [],
  severity: DiagnosticSummary['severity'] = 'warning',
): ExpectedFinding {
  return { code, range, severity, text, related };
}

/** Every TypeScript file of the examples workspace and its findings, in document order. */
export const expectedFindings: Record<string, ExpectedFinding[]> = {
  'locks/src/accounts.ts': [
    finding('lock-reentry', [13, 12, 13, 28], 'this.log(amount)', ['accounts.ts:12', 'accounts.ts:20'], 'error'),
    finding('lock-order', [26, 10, 26, 30], 'to.lock.runExclusive', ['accounts.ts:26']),
  ],
  'locks/src/audit.ts': [
    finding('lock-order', [13, 12, 13, 37], 'correctLedger(correction)', ['audit.ts:12', 'ledger.ts:14', 'ledger.ts:7', 'ledger.ts:9', 'audit.ts:8']),
  ],
  // The ledger/audit cycle is reported once, in audit.ts, with ledger.ts's side as related locations.
  'locks/src/ledger.ts': [],
  'locks/src/locks.ts': [],
  'locks/src/register.ts': [finding('lock-leak', [7, 24, 7, 42], 'tillLock.acquire()', ['register.ts:10'])],
  'locks/src/store.ts': [],
  'orders/src/checkout.ts': [finding('sequential-await', [13, 15, 13, 43], 'await carts.findById(cartId)', ['checkout.ts:13'])],
  'orders/src/model.ts': [],
  'orders/src/pricing.ts': [finding('await-in-loop', [12, 22, 12, 53], 'await catalog.priceOf(line.sku)')],
  'orders/src/reports.ts': [
    finding('sequential-await', [13, 18, 13, 53], 'await payments.totalCapturedOn(day)', ['reports.ts:13', 'reports.ts:15']),
    finding('await-in-loop', [36, 18, 36, 43], 'await orders.findById(id)'),
  ],
  'orders/src/services.ts': [],
  'server/src/login.ts': [finding('blocking-call', [7, 15, 7, 76], "crypto.pbkdf2Sync(password, user.salt, 310_000, 32, 'sha256')")],
  'server/src/pages.ts': [finding('blocking-call', [7, 15, 7, 63], "readFileSync(`views/help/${topic}.html`, 'utf8')")],
  'server/src/recommendations.ts': [finding('blocking-loop', [16, 16, 16, 38], 'similarPairs(products)', ['recommendations.ts:6', 'recommendations.ts:7'])],
  'server/src/sales.ts': [finding('race-lost-update', [7, 2, 7, 45], 'takings.revenue += await priceOf(productId)')],
  'server/src/searchIndex.ts': [],
  'server/src/server.ts': [finding('blocking-loop', [28, 12, 28, 30], 'refreshSearchIndex', ['searchIndex.ts:9', 'searchIndex.ts:10'])],
  'server/src/store.ts': [],
};

export interface FixCase {
  file: string;
  code: string;
  /** 0-based line of the finding whose fix is applied. */
  line: number;
  /** Every quick fix offered at the finding, in the order offered; the first is the fix applied. */
  actions: string[];
  /** The fix replaces each `before` (which occurs once in the file) with its `after`. */
  replacements: Array<{ before: string; after: string }>;
  /** The file's findings once the server has analysed the fixed text, as `rule-id@line` (1-based). */
  findingsAfter: string[];
}

/** The rule's own fixes, then what every finding offers: disable it for the line or the file, read its documentation. */
function actionsFor(code: string, ...fixes: string[]): string[] {
  return [...fixes, `Disable ${code} for this line`, `Disable ${code} for the entire file`, `Show documentation for ${code}`];
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

export const fixCases: FixCase[] = [
  {
    file: 'orders/src/checkout.ts',
    code: 'sequential-await',
    line: 13,
    actions: actionsFor('sequential-await', 'Run together with Promise.all'),
    replacements: [
      {
        before: lines('  const customer = await customers.findById(customerId);', '  const cart = await carts.findById(cartId);'),
        after: lines('  const [customer, cart] = await Promise.all([', '    customers.findById(customerId),', '    carts.findById(cartId),', '  ]);'),
      },
    ],
    findingsAfter: [],
  },
  {
    file: 'orders/src/reports.ts',
    code: 'sequential-await',
    line: 13,
    actions: actionsFor('sequential-await', 'Run together with Promise.all'),
    replacements: [
      {
        before: lines(
          '  const orderCount = await orders.countPlacedOn(day);',
          '  const revenue = await payments.totalCapturedOn(day);',
          '  const lowStock = await inventory.itemsBelow(5);',
        ),
        after: lines(
          '  const [orderCount, revenue, lowStock] = await Promise.all([',
          '    orders.countPlacedOn(day),',
          '    payments.totalCapturedOn(day),',
          '    inventory.itemsBelow(5),',
          '  ]);',
        ),
      },
    ],
    findingsAfter: ['await-in-loop@39'],
  },
  {
    file: 'orders/src/pricing.ts',
    code: 'await-in-loop',
    line: 12,
    actions: actionsFor('await-in-loop', 'Run the iterations together with Promise.all'),
    replacements: [
      {
        before: lines(
          '  const priced: PricedLine[] = [];',
          '  for (const line of cart.lines) {',
          '    const unitPrice = await catalog.priceOf(line.sku);',
          '    priced.push({ ...line, unitPrice, subtotal: unitPrice * line.quantity });',
          '  }',
        ),
        after: lines(
          '  const priced: PricedLine[] = await Promise.all(cart.lines.map(async (line) => {',
          '    const unitPrice = await catalog.priceOf(line.sku);',
          '    return { ...line, unitPrice, subtotal: unitPrice * line.quantity };',
          '  }));',
        ),
      },
    ],
    findingsAfter: [],
  },
  {
    file: 'server/src/pages.ts',
    code: 'blocking-call',
    line: 7,
    actions: actionsFor('blocking-call', 'Use fs.promises.readFile with await'),
    replacements: [
      {
        before: lines("import { readFileSync } from 'node:fs';"),
        after: lines("import { readFileSync } from 'node:fs';", "import { readFile } from 'node:fs/promises';"),
      },
      { before: "const body = readFileSync(`views/help/${topic}.html`, 'utf8');", after: "const body = await readFile(`views/help/${topic}.html`, 'utf8');" },
    ],
    findingsAfter: [],
  },
  {
    file: 'server/src/login.ts',
    code: 'blocking-call',
    line: 7,
    actions: actionsFor('blocking-call', 'Use promisify(crypto.pbkdf2) with await'),
    replacements: [
      { before: lines("import { findUser } from './store';"), after: lines("import { findUser } from './store';", "import { promisify } from 'node:util';") },
      {
        before: "crypto.pbkdf2Sync(password, user.salt, 310_000, 32, 'sha256')",
        after: "await promisify(crypto.pbkdf2)(password, user.salt, 310_000, 32, 'sha256')",
      },
    ],
    findingsAfter: [],
  },
  {
    file: 'locks/src/accounts.ts',
    code: 'lock-order',
    line: 26,
    actions: actionsFor('lock-order', 'Take from.lock and to.lock in a stable order, by id'),
    replacements: [
      {
        before: lines('  await from.lock.runExclusive(async () => {', '    await to.lock.runExclusive(async () => {'),
        after: lines(
          '  const [first, second] = from.id <= to.id ? [from, to] as const : [to, from] as const;',
          '  await first.lock.runExclusive(async () => {',
          '    await second.lock.runExclusive(async () => {',
        ),
      },
    ],
    findingsAfter: ['lock-reentry@14'],
  },
  {
    file: 'locks/src/register.ts',
    code: 'lock-leak',
    line: 7,
    actions: actionsFor('lock-leak', 'Release tillLock in a finally block', 'Run it inside tillLock.runExclusive()'),
    replacements: [
      {
        before: lines('  // A declined card throws, and the till stays locked for every customer after.', '  await chargeCard(card, amount);', '  release();'),
        after: lines(
          '  try {',
          '    // A declined card throws, and the till stays locked for every customer after.',
          '    await chargeCard(card, amount);',
          '  } finally {',
          '    release();',
          '  }',
        ),
      },
    ],
    findingsAfter: [],
  },
];
