// race-check-then-act: a test of shared state, an `await`, then the act the test was
// guarding, with no test again after the await. Two calls that interleave both find the
// cache empty and both load, both find no connection and both connect, both find no file
// and both write: two cooks both find the frying pan free.
import { Node } from 'ts-morph';
import type { RelatedLocation } from '../finding';
import { functionDisplayName } from '../locks/declarationKeys';
import { lockContextFor } from '../locks/lockAnalysis';
import { checkThenActFixes } from '../races/checkThenActFix';
import { checkThenActsIn, type CheckThenAct } from '../races/checkThenActs';
import { storesCreatedResource } from '../races/createdResources';
import { nodeRange } from '../ranges';
import { defineRule } from '../rule';
import { relatedMessage } from '../templateText';

export const raceCheckThenAct = defineRule({
  meta: {
    id: 'race-check-then-act',
    family: 'races',
    defaultSeverity: 'warning',
    description: 'Shared state tested before an await and acted on after it, with no test again, so two calls can both pass the test and both act.',
    experimental: false,
  },
  messages: {
    cache: '`{state}` is checked for `{key}` before `await {awaited}` and filled after it: two calls at once can both miss, both wait and both store.',
    lazyInit:
      '`{state}` is checked before `await {awaited}` and set after it: two calls at once can both find it empty and both create one, and one of the two is lost.',
    lazyResource:
      '`{state}` is checked before `await {awaited}` and set after it: two calls at once can both find it empty and both open one; the second replaces the first, which stays open with nothing left to close it.',
    file: '`{check}` tests `{state}` before `await {awaited}`, and `{act}` relies on that answer after it: another call can create or remove `{state}` in between.',
  },
  check(ctx) {
    const races = checkThenActsIn(ctx.sourceFile, ctx.settings);
    // Most files have no race: the lock recognisers' context is made only for those that do.
    if (races.length === 0) return;
    const locks = lockContextFor(ctx.project, ctx.settings);
    for (const found of races) {
      const awaited = awaitedText(found.awaited);
      const check = oneLine(found.check.getText());
      const act = oneLine(found.act.getText());
      const resource = storesCreatedResource(found);
      const fixed = checkThenActFixes(found, locks);
      ctx.report({
        node: found.act,
        messageId: resource ? 'lazyResource' : found.kind === 'lazy-init' ? 'lazyInit' : found.kind,
        data: { state: found.state, key: found.key ?? '', awaited, check, act },
        related: relatedLocations(found, awaited),
        fixes: fixed.fixes,
        // Only a second connection, client or process left open is a claim the labelled real
        // code bears out. A cache or a slot of plain data filled twice is usually work done
        // twice, and a path tested then written is mostly code that runs once at a time.
        experimental: !resource,
        explanation: {
          card: 'race-check-then-act',
          ...(fixed.heldLock ? { heldLock: fixed.heldLock } : {}),
          kind: found.kind,
          ...(resource ? { resource } : {}),
          state: found.state,
          ...(found.key === undefined ? {} : { key: found.key }),
          check,
          awaited,
          act,
          function: functionDisplayName(found.fn.compilerNode),
        },
      });
    }
  },
});

/** `load(k)` for `await load(k)`. */
function awaitedText(awaited: Node): string {
  return oneLine(Node.isAwaitExpression(awaited) ? awaited.getExpression().getText() : awaited.getText());
}

function relatedLocations(found: CheckThenAct, awaited: string): RelatedLocation[] {
  const file = found.act.getSourceFile().getFilePath();
  return [
    { file, range: nodeRange(found.check), ...relatedMessage('{state} is tested here, before the await.', { state: found.state }) },
    { file, range: nodeRange(found.awaited), ...relatedMessage('While {awaited} is awaited here, another call can pass the same test.', { awaited }) },
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
