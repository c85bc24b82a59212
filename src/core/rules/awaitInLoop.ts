// await-in-loop: an awaited call in a loop whose passes do not depend on each other, so
// each pass waits for the one before it for no reason. Reported once per such await;
// where the loop only collects what it awaits (an array, a sum, a map), the fix runs
// every pass at once with `Promise.all` and collects the results in the original order.
import { Node, SyntaxKind, type CallExpression, type Expression, type NewExpression } from 'ts-morph';
import { calleeSummary } from '../awaits/calleeSummary';
import { callSharesState } from '../awaits/loopCalleeState';
import { loopExtent, shortCode, type LoopExtent } from '../awaits/loopExtent';
import { loopVerdict, type LoopVerdict } from '../awaits/loopIndependence';
import { declarationOf, isPassLocal, variesPerPass } from '../awaits/loopPassScope';
import { packageLimiter } from '../awaits/concurrencyLimiter';
import { chunkedLoopFix, limitedLoopFix, loopPromiseAllFix } from '../awaits/loopPromiseAllFix';
import { enclosingLoop, fixedPassCount, type LoopShape, type LoopStatement } from '../awaits/loopShape';
import { awaitability } from '../awaits/promiseLike';
import type { Fix } from '../finding';
import { isMaintenanceScript } from '../eventLoop/runsWhileNothingWaits';
import { defineRule } from '../rule';
import type { AnalyzerSettings } from '../settings';
import { descendantsOfKind } from '../syntaxDescendants';
import { isTestFile } from '../testFiles';

type MessageId = 'perItem' | 'perKey' | 'times' | 'perCounter';

const CONCURRENT_COMBINATORS = /^Promise\.(all|allSettled|any|race)$/;
/**
 * A loop over a literal of this many items or fewer (`for (const table of ['notes', 'folders',
 * 'tags'])`, `const intervals = [14, 3, 0]`) makes a handful of passes by construction:
 * overlapping them gains nothing measurable, so it is reported only in the experimental tier.
 */
const FEW_PASSES = 5;
/**
 * How many calls the fix starts at once when a request decides how many items there are
 * (the card suggests the same): enough to overlap the waits, few enough that one request
 * cannot start thousands.
 */
const REQUEST_CHUNK = 10;

/** What a loop's awaits share: whether its passes depend on each other and, when they do not, its extent and fix. */
type LoopAnalysis =
  | { verdict: Extract<LoopVerdict, { kind: 'dependent' }> }
  | { verdict: Exclude<LoopVerdict, { kind: 'dependent' }>; extent: LoopExtent; fix?: Fix; limiter?: string };

function analyseLoop(loop: LoopStatement, settings: AnalyzerSettings): LoopAnalysis {
  const verdict = loopVerdict(loop, settings);
  if (verdict.kind === 'dependent') return { verdict };
  const extent = loopExtent(verdict.shape);
  if (!extent.fromRequest) return { verdict, extent, fix: loopPromiseAllFix(verdict.shape, verdict.accesses) };
  // Where the request sets the number of items, the fix starts a few at a time, never all at
  // once: through the limiter the package already uses, or else in chunks.
  const limiter = packageLimiter(loop.getSourceFile());
  const limited = limiter && limitedLoopFix(verdict.shape, verdict.accesses, REQUEST_CHUNK, limiter);
  if (limited) return { verdict, extent, fix: limited, limiter: limiter.name };
  return { verdict, extent, fix: chunkedLoopFix(verdict.shape, verdict.accesses, REQUEST_CHUNK) };
}

export const awaitInLoop = defineRule<MessageId>({
  meta: {
    id: 'await-in-loop',
    family: 'await',
    defaultSeverity: 'warning',
    description: 'An await inside a loop whose iterations do not depend on each other, so each one waits for the one before.',
    experimental: false,
  },
  messages: {
    perItem: '`{call}` is awaited once per item of `{iterable}`, one after another; the iterations do not depend on each other.',
    perKey: '`{call}` is awaited once per key of `{iterable}`, one after another; the iterations do not depend on each other.',
    times: '`{call}` is awaited `{count}` times, one after another; the iterations do not depend on each other.',
    perCounter: '`{call}` is awaited once per value of `{counter}`, one after another; the iterations do not depend on each other.',
  },
  check(ctx) {
    if (!ctx.settings.awaitRulesInTests && isTestFile(ctx.sourceFile)) return;
    const loops = new Map<LoopStatement, LoopAnalysis>();
    for (const awaitExpression of descendantsOfKind(ctx.sourceFile, SyntaxKind.AwaitExpression)) {
      const loop = enclosingLoop(awaitExpression);
      if (!loop) continue;
      const operand = unparenthesize(awaitExpression.getExpression());
      // Awaiting a promise that is already running (`for (const p of promises) await p`)
      // starts nothing; awaiting `Promise.all(chunk)` is bounded concurrency on purpose; a
      // module's top-level code runs when it is imported, in import order.
      if (!Node.isCallExpression(operand) && !Node.isNewExpression(operand)) continue;
      if (CONCURRENT_COMBINATORS.test(operand.getExpression().getText())) continue;
      if (operand.getExpression().getKind() === SyntaxKind.ImportKeyword) continue;
      const awaitable = awaitability(awaitExpression.getExpression(), ctx.checker);
      if (awaitable === 'plain') continue;
      // A callee that is async in name only starts no work that another pass could overlap.
      if (Node.isCallExpression(operand) && calleeSummary(operand, ctx.settings)?.idle) continue;

      let analysis = loops.get(loop);
      if (!analysis) {
        analysis = analyseLoop(loop, ctx.settings);
        loops.set(loop, analysis);
      }
      if (!('extent' in analysis)) continue;
      const { verdict, extent, fix, limiter } = analysis;
      const { shape } = verdict;
      const call = shortCode(operand);
      const { messageId, data } = message(shape, extent, call);
      // Running one identical call n times at once is rarely what the loop meant, and calls
      // that share state may not give the same results when they overlap: no fix for either.
      const repeated = !variesPerPass(operand, shape);
      const sharesState = callSharesState(operand, shape, ctx.settings);
      const passes = fixedPassCount(shape);
      const fewPasses = passes !== undefined && passes <= FEW_PASSES;
      ctx.report({
        node: awaitExpression,
        messageId,
        data,
        fixes: fix && !repeated && !sharesState ? [fix] : [],
        explanation: {
          card: 'await-in-loop',
          call,
          iterable: extent.iterable,
          count: extent.count,
          unbounded: extent.unbounded,
          ...(extent.fromRequest ? { fromRequest: true as const } : {}),
          ...(limiter && fix && !repeated && !sharesState ? { limiter } : {}),
        },
        experimental:
          awaitable === 'unknown' ||
          verdict.kind === 'uncertain' ||
          repeated ||
          sharesState ||
          fewPasses ||
          callsTheItem(operand, shape) ||
          isMaintenanceScript(ctx.sourceFile),
      });
    }
  },
});

function message(shape: LoopShape, extent: LoopExtent, call: string): { messageId: MessageId; data: Record<string, string> } {
  if (extent.unit === 'item') return { messageId: 'perItem', data: { call, iterable: extent.iterable } };
  if (extent.unit === 'key') return { messageId: 'perKey', data: { call, iterable: extent.iterable } };
  if (extent.count) return { messageId: 'times', data: { call, count: extent.count } };
  return { messageId: 'perCounter', data: { call, counter: shape.counter?.name ?? extent.iterable } };
}

/**
 * `await check()` for each `check` of a list: the items are the work itself, and lists of
 * work are often meant to run in turn, so it is reported only in the experimental tier.
 */
function callsTheItem(operand: CallExpression | NewExpression, shape: LoopShape): boolean {
  const callee = operand.getExpression();
  if (!Node.isIdentifier(callee)) return false;
  const declaration = declarationOf(callee);
  return !!declaration && isPassLocal(declaration, shape);
}

function unparenthesize(expression: Expression): Expression {
  let current = expression;
  while (Node.isParenthesizedExpression(current)) current = current.getExpression();
  return current;
}
