// One finding of each rule family in the examples workspace, and what a user sees of it.
import type { SquiggleSeverity } from './workbench';

export interface Journey {
  family: string;
  ruleId: string;
  /** Workspace-relative path. */
  file: string;
  /** 1-based, as typed into Go to Line: a position inside the finding's range. */
  line: number;
  column: number;
  severity: SquiggleSeverity;
  /** Text the Problems panel row of this finding contains. */
  problemText: string;
  /** Pieces of the hover, the first of which is waited for. */
  cardText: string[];
  /** The card's title: the hover's heading and the Kitchen view's tab. */
  cardTitle: string;
  /** A piece of the whole card that the hover leaves out (a caveat, a picture, the worked fix). */
  wholeCardText: string;
  /** The accessible title the Kitchen view's drawing starts with, for a card drawn as a graphic. */
  drawingTitle?: string;
  fixTitle: string;
  textAfterFix: string;
  textGoneAfterFix: string[];
  /** File names under media/ for the README; one journey per family takes them. */
  screenshots?: { squiggle: string; hover: string; kitchenView: string; quickFix: string };
}

export const journeys: Journey[] = [
  {
    family: 'awaits',
    ruleId: 'sequential-await',
    file: 'orders/src/checkout.ts',
    line: 14,
    column: 24,
    severity: 'warning',
    problemText: 'carts.findById(cartId)',
    cardText: ['A good cook measures the mayonnaise', 'carts.findById(cartId)', 'Start them together and wait once'],
    cardTitle: 'These awaits could run together',
    wholeCardText: 'use Promise.allSettled',
    drawingTitle: 'One after another, as now: waits twice',
    fixTitle: 'Run together with Promise.all',
    textAfterFix: 'const [customer, cart] = await Promise.all([',
    textGoneAfterFix: ['const customer = await customers.findById(customerId);'],
    screenshots: { squiggle: 'squiggle.png', hover: 'hover-card.png', kitchenView: 'kitchen-view.png', quickFix: 'quick-fix.png' },
  },
  {
    family: 'event-loop blocking',
    ruleId: 'blocking-call',
    file: 'server/src/pages.ts',
    line: 8,
    column: 20,
    severity: 'warning',
    problemText: 'blocks the event loop in',
    cardText: ['The one cook stares at the oven door', 'renderHelpPage()'],
    cardTitle: 'This call blocks the event loop',
    wholeCardText: 'CPU-bound or I/O-bound?',
    fixTitle: 'Use fs.promises.readFile with await',
    textAfterFix: "const body = await readFile(`views/help/${topic}.html`, 'utf8');",
    textGoneAfterFix: ['const body = readFileSync('],
    screenshots: {
      squiggle: 'blocking-call-squiggle.png',
      hover: 'blocking-call-hover-card.png',
      kitchenView: 'blocking-call-kitchen-view.png',
      quickFix: 'blocking-call-quick-fix.png',
    },
  },
  {
    family: 'lock order',
    ruleId: 'lock-order',
    file: 'locks/src/accounts.ts',
    line: 27,
    column: 16,
    severity: 'warning',
    problemText: 'is taken here while from.lock is held',
    cardText: ['Two cooks grab the same two cutting boards', 'transfer()'],
    cardTitle: 'These two locks of one class can deadlock',
    wholeCardText: 'How two calls with the objects swapped hang',
    drawingTitle: 'Task 1: transfer(A, B) / Task 2: transfer(B, A)',
    fixTitle: 'Take from.lock and to.lock in a stable order, by id',
    textAfterFix: 'const [first, second] = from.id <= to.id ? [from, to] as const : [to, from] as const;',
    textGoneAfterFix: ['await to.lock.runExclusive('],
    screenshots: {
      squiggle: 'lock-order-squiggle.png',
      hover: 'lock-order-hover-card.png',
      kitchenView: 'lock-order-kitchen-view.png',
      quickFix: 'lock-order-quick-fix.png',
    },
  },
];
