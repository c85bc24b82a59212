// lock-leak: an `acquire()` whose release some path never reaches: an exception thrown by
// an await or a call before the release, an early return, a release on some branches only,
// or no release at all. The lock then stays taken, and every later caller waits forever.
import { ts } from 'ts-morph';
import type { RelatedLocation } from '../finding';
import { functionDisplayName } from '../locks/declarationKeys';
import { leakFixes } from '../locks/leakFixes';
import { lockContextFor } from '../locks/lockAnalysis';
import { findLeaks, type Leak } from '../locks/releasePaths';
import { nodeAtSite, siteOf } from '../locks/sites';
import { defineRule } from '../rule';
import { relatedMessage } from '../templateText';

const CULPRIT_WIDTH = 48;

export const lockLeak = defineRule({
  meta: {
    id: 'lock-leak',
    family: 'locks',
    defaultSeverity: 'warning',
    description: 'A lock acquired with acquire() whose release is not reached on every path, exceptions included.',
    experimental: false,
  },
  messages: {
    exception: '{lock} stays locked if {culprit} throws: nothing releases it on that path. Release it in a finally block.',
    throw: '{lock} stays locked when the throw on line {line} leaves this code: nothing releases it on that path.',
    earlyExit: '{lock} stays locked when the {exit} on line {line} leaves this code: nothing releases it on that path.',
    somePaths: '{lock} is released on some paths only; on the others it stays locked.',
    never: '{lock} is taken here and never released.',
  },
  check(ctx) {
    const lockCtx = lockContextFor(ctx.project, ctx.settings);
    for (const leak of findLeaks(ctx.sourceFile.compilerNode, lockCtx)) {
      const node = nodeAtSite(ctx.sourceFile, siteOf(leak.operation.call));
      if (!node) continue;
      const culprit = leak.culprit && culpritText(leak.culprit);
      const line = leak.culprit ? String(leak.culprit.getSourceFile().getLineAndCharacterOfPosition(leak.culprit.getStart()).line + 1) : '';
      const exit = leak.culprit ? (ts.tokenToString(leak.culprit.getFirstToken()?.kind ?? ts.SyntaxKind.ReturnKeyword) ?? 'return') : '';
      ctx.report({
        node,
        messageId: messageIdOf(leak),
        data: { lock: leak.lockText, culprit: culprit ?? '', line, exit },
        related: leak.culprit ? [culpritLocation(leak, leak.culprit, culprit ?? '')] : [],
        fixes: leakFixes(leak, ctx.sourceFile.compilerNode, lockCtx.checker),
        explanation: {
          card: 'lock-leak',
          lock: leak.lockText,
          reason: leak.reason,
          culprit,
          release: releaseText(leak),
          function: functionDisplayName(leak.frame),
          runExclusive: leak.operation.hasRunExclusive,
        },
      });
    }
  },
});

function messageIdOf(leak: Leak): 'exception' | 'throw' | 'earlyExit' | 'somePaths' | 'never' {
  switch (leak.reason) {
    case 'exception':
      return 'exception';
    case 'throw':
      return 'throw';
    case 'early-exit':
      return 'earlyExit';
    case 'some-paths':
      return 'somePaths';
    case 'never':
      return 'never';
  }
}

function culpritLocation(leak: Leak, node: ts.Node, culprit: string): RelatedLocation {
  const { file, range } = siteOf(node);
  const message =
    leak.reason === 'exception'
      ? relatedMessage('If {culprit} throws here, {lock} is never released.', { culprit, lock: leak.lockText })
      : relatedMessage('Leaving here skips the release of {lock}.', { lock: leak.lockText });
  return { file, range, ...message };
}

/** A call as a reader recognises it: whole when short, else its callee with `(...)`. */
function culpritText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  if (text.length <= CULPRIT_WIDTH) return text;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return `${node.expression.getText().replace(/\s+/g, ' ')}(...)`;
  return `${text.slice(0, CULPRIT_WIDTH - 3)}...`;
}

function releaseText(leak: Leak): string | undefined {
  const [first] = leak.releaseCalls;
  if (first) return first.getText();
  if (leak.binding) return `${leak.binding.text}()`;
  return undefined;
}
