// race-lost-update: shared state read before an `await` and written after it from what
// was read. Two calls that interleave both read the same old value, and the second write
// overwrites the first: one update is lost (two dishes in one frying pan).
import { Node, SyntaxKind, type BinaryExpression } from 'ts-morph';
import type { RelatedLocation } from '../finding';
import { functionDisplayName } from '../locks/declarationKeys';
import { lockContextFor } from '../locks/lockAnalysis';
import { lostUpdateFixes } from '../races/lostUpdateFix';
import { lostUpdatesIn, type LostUpdate } from '../races/lostUpdates';
import { nodeRange } from '../ranges';
import { defineRule } from '../rule';
import { relatedMessage } from '../templateText';

export const raceLostUpdate = defineRule({
  meta: {
    id: 'race-lost-update',
    family: 'races',
    defaultSeverity: 'warning',
    description: 'Shared state read before an await and written after it from the value read, so an update made in between is lost.',
    experimental: false,
  },
  messages: {
    compound: '`{state}` is read before `await {awaited}` and written after it: an update another call makes while this one waits is lost.',
    stale: '`{state}` is written from a value read before `await {awaited}`: an update another call makes while this one waits is lost.',
    staleReset:
      '`{state}` is cleared after `await {awaited}` without checking that it still holds the value this call set: if another call set its own while this one waited, this clears that one.',
  },
  check(ctx) {
    const updates = lostUpdatesIn(ctx.sourceFile, ctx.settings, ctx.checker.compilerObject);
    // Most files have no lost update: the lock recognisers' context is made only for those that do.
    if (updates.length === 0) return;
    const locks = lockContextFor(ctx.project, ctx.settings);
    for (const update of updates) {
      const awaited = awaitedText(update.awaited);
      const fixed = lostUpdateFixes(update, locks);
      ctx.report({
        node: update.write,
        messageId: update.kind === 'compound' ? 'compound' : update.kind === 'reset' ? 'staleReset' : 'stale',
        data: { state: update.state.key, awaited },
        related: update.kind === 'derived' || update.kind === 'reset' ? relatedLocations(update, awaited) : [],
        fixes: fixed.fixes,
        // `x += await f()` and `x = x + (await f())` read and write in one expression: two
        // calls at once always lose one update. A value kept in a variable and written back
        // is often an enriched copy of what was read, which the labelled real code showed
        // to be a judgement call. A reset after the await is new, and seen in one real
        // application so far.
        experimental: update.kind === 'derived' || update.kind === 'reset',
        explanation: {
          card: 'race-lost-update',
          ...(fixed.heldLock ? { heldLock: fixed.heldLock } : {}),
          state: update.state.key,
          read: oneLine(
            update.kind === 'compound'
              ? update.write.getText()
              : update.kind === 'derived'
                ? (update.readStatement?.getText() ?? update.read.getText()).replace(/;$/, '')
                : update.read.getText(),
          ),
          awaited,
          write: oneLine(update.write.getText()),
          function: functionDisplayName(update.fn.compilerNode),
          change: changeOf(update.write),
          ...(update.kind === 'reset' ? { reset: true as const } : {}),
        },
      });
    }
  },
});

/** `audit()` for `await audit()`, `stream` for `for await (const x of stream)`. */
function awaitedText(awaited: Node): string {
  const expression = Node.isAwaitExpression(awaited) || Node.isForOfStatement(awaited) ? awaited.getExpression() : awaited;
  return oneLine(expression.getText());
}

function relatedLocations(update: LostUpdate, awaited: string): RelatedLocation[] {
  const file = update.write.getSourceFile().getFilePath();
  const read =
    update.kind === 'reset'
      ? relatedMessage('This call sets {state} here, before the await.', { state: update.state.key })
      : relatedMessage('{state} is read here, before the await.', { state: update.state.key });
  return [
    { file, range: nodeRange(update.read), ...read },
    {
      file,
      range: nodeRange(update.awaited),
      ...relatedMessage('While {awaited} is awaited here, another call can change {state}.', { awaited, state: update.state.key }),
    },
  ];
}

/** `+=` and `x = current + d` add, `-=` and `x = current - d` subtract: the card's example numbers follow. */
function changeOf(write: BinaryExpression): 'add' | 'subtract' | 'other' {
  const operator = write.getOperatorToken().getKind();
  if (operator === SyntaxKind.PlusEqualsToken) return 'add';
  if (operator === SyntaxKind.MinusEqualsToken) return 'subtract';
  let right: Node = write.getRight();
  while (Node.isParenthesizedExpression(right)) right = right.getExpression();
  if (operator !== SyntaxKind.EqualsToken || !Node.isBinaryExpression(right)) return 'other';
  const inner = right.getOperatorToken().getKind();
  return inner === SyntaxKind.PlusToken ? 'add' : inner === SyntaxKind.MinusToken ? 'subtract' : 'other';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
