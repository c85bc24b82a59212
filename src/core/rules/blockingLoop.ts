// blocking-loop: CPU-heavy work on the event loop. A loop nest over stored or sent data
// (n², a client's size × m), a search of a fresh copy of a Map or Set on every pass of a loop
// that fills it, a long constant loop, a loop with no way out, a busy-wait on the clock, or
// exponential recursion, run from an async function or a callback the event loop calls (a request
// handler, a listener, a timer). Reported where the entry point runs it; work reached
// through calls is reported at the entry's call, with the chain as related information;
// a call that reaches several is reported once, by the heaviest, with the others listed.
import { Node } from 'ts-morph';
import { blockingWorkIn, type BlockingOccurrence } from '../eventLoop/blockingWork';
import { withCyclesCountedOnce } from '../eventLoop/callCycles';
import { moveToWorkerFix } from '../eventLoop/fixes/moveToWorker';
import { yieldToEventLoopFix } from '../eventLoop/fixes/yieldToEventLoop';
import { codeText, describeOccurrence, isHeavyWhereReached, siteMarker } from '../eventLoop/occurrenceFacts';
import { distinctRelated, groupedByPosition, mostSevere } from '../eventLoop/occurrenceGroups';
import type { Fix } from '../finding';
import { defineRule } from '../rule';

type MessageId =
  | 'loop'
  | 'loopViaCall'
  | 'loopFromRequest'
  | 'loopFromRequestViaCall'
  | 'copiedSearch'
  | 'copiedSearchViaCall'
  | 'endlessLoop'
  | 'endlessLoopViaCall'
  | 'busyWait'
  | 'busyWaitViaCall'
  | 'recursion'
  | 'recursionViaCall'
  | 'recursionFromRequest'
  | 'recursionFromRequestViaCall';

export const blockingLoop = defineRule<MessageId>({
  meta: {
    id: 'blocking-loop',
    family: 'event-loop',
    defaultSeverity: 'warning',
    description: 'A CPU-heavy loop or recursion that runs on the event loop from async code, so nothing else runs until it ends.',
    experimental: false,
  },
  messages: {
    loop: 'This loop runs about {steps} steps{sizes} on the event loop in `{entry}`; no other request, timer or event is handled until it ends.',
    loopViaCall:
      '`{call}` runs a loop of about {steps} steps{sizes} on the event loop in `{entry}`; no other request, timer or event is handled until it ends.',
    loopFromRequest:
      'This loop runs about {steps} steps{sizes} on the event loop in `{entry}`, and `{input}` comes from the request: a client chooses how long no other request, timer or event is handled.',
    loopFromRequestViaCall:
      '`{call}` runs a loop of about {steps} steps{sizes} on the event loop in `{entry}`, and `{input}` comes from the request: a client chooses how long no other request, timer or event is handled.',
    copiedSearch:
      '`{search}` copies all of `{collection}` on every pass and scans the copy: about {steps} steps{sizes} on the event loop in `{entry}`, where a lookup in a Map or Set takes one step.',
    copiedSearchViaCall:
      '`{call}` copies all of `{collection}` on every pass of a loop and scans the copy (`{search}`): about {steps} steps{sizes} on the event loop in `{entry}`, where a lookup in a Map or Set takes one step.',
    endlessLoop: 'This loop has no exit and never awaits: it holds the event loop in `{entry}` for good.',
    endlessLoopViaCall: '`{call}` runs a loop that has no exit and never awaits: it holds the event loop in `{entry}` for good.',
    busyWait:
      'This loop waits for `{condition}` by checking the clock over and over, holding the event loop in `{entry}` the whole time; wait with a timer instead.',
    busyWaitViaCall: '`{call}` busy-waits on the clock (`{condition}`), holding the event loop in `{entry}` the whole time.',
    recursion:
      '`{function}` makes about {steps} calls{sizes}: it calls itself more than once per call and remembers nothing, holding the event loop in `{entry}`.',
    recursionViaCall:
      '`{call}` makes about {steps} calls{sizes}: `{function}` calls itself more than once per call and remembers nothing, holding the event loop in `{entry}`.',
    recursionFromRequest:
      '`{function}` makes about {steps} calls{sizes}: it calls itself more than once per call and remembers nothing, and `{input}` comes from the request: a client chooses how long it holds the event loop in `{entry}`.',
    recursionFromRequestViaCall:
      '`{call}` makes about {steps} calls{sizes}: `{function}` calls itself more than once per call and remembers nothing, and `{input}` comes from the request: a client chooses how long it holds the event loop in `{entry}`.',
  },
  check(ctx) {
    const { minIterations } = ctx.settings.blockingLoop;
    const counted = blockingWorkIn(ctx.sourceFile, ctx.settings).flatMap((occurrence) => {
      if (occurrence.site.kind === 'blocking-call') return [];
      const site = withCyclesCountedOnce(occurrence.site, minIterations);
      const kept = site === occurrence.site ? occurrence : site && { ...occurrence, site };
      return kept && isHeavyWhereReached(kept, minIterations) ? [kept] : [];
    });
    // One call that reaches several heavy sites is one finding, led by the heaviest.
    for (const group of groupedByPosition(counted, () => true)) {
      const shown = mostSevere(group);
      const [lead] = shown;
      const { fixes, workerFunction } = fixesFor(lead);
      const texts = shown.map((occurrence) => describeOccurrence(occurrence, occurrence === lead && workerFunction ? { workerFunction } : {}));
      const [text] = texts;
      const search = lead.site.copiedSearch ? codeText(lead.site.node.getText()) : undefined;
      ctx.report({
        node: underline(lead),
        messageId: messageIdFor(lead, lead.at === lead.site.node, 'input' in text.data),
        data: search ? { ...text.data, search, collection: lead.site.copiedSearch ?? '' } : text.data,
        related: distinctRelated(texts.flatMap((each) => each.related)),
        fixes,
        explanation: search ? { ...text.facts, copiedSearch: search } : text.facts,
      });
    }
  },
});

/** A size a client sets gets said: that is what turns slow code into a way to stall the server. */
function messageIdFor(occurrence: BlockingOccurrence, direct: boolean, fromRequest: boolean): MessageId {
  switch (occurrence.site.kind) {
    case 'endless-loop':
      return direct ? 'endlessLoop' : 'endlessLoopViaCall';
    case 'busy-wait':
      return direct ? 'busyWait' : 'busyWaitViaCall';
    case 'recursion':
      if (fromRequest) return direct ? 'recursionFromRequest' : 'recursionFromRequestViaCall';
      return direct ? 'recursion' : 'recursionViaCall';
    default:
      if (occurrence.site.copiedSearch) return direct ? 'copiedSearch' : 'copiedSearchViaCall';
      if (fromRequest) return direct ? 'loopFromRequest' : 'loopFromRequestViaCall';
      return direct ? 'loop' : 'loopViaCall';
  }
}

/** A heavy site is marked by its keyword or name; a call that reaches one, by the call. */
function underline(occurrence: BlockingOccurrence): Node {
  return siteMarker(occurrence.at);
}

/**
 * Work reached through a call can move to a worker thread; a loop written in the async
 * function itself can pause now and then. Neither is applied by `--fix`: both change when
 * other code runs, which the user has to judge.
 */
function fixesFor(occurrence: BlockingOccurrence): { fixes: Fix[]; workerFunction?: string } {
  const { site, chain, entry } = occurrence;
  if (chain.length > 0 && (site.kind === 'loop' || site.kind === 'recursion')) {
    const { call, callee } = chain[0];
    const moved = Node.isCallExpression(call) ? moveToWorkerFix(call, callee, entry.fn) : undefined;
    return moved ? { fixes: [moved.fix], workerFunction: moved.functionName } : { fixes: [] };
  }
  if (chain.length === 0 && site.kind === 'loop' && occurrence.at === site.node) {
    const pause = yieldToEventLoopFix(site.node, site.path ?? []);
    return { fixes: pause ? [pause] : [] };
  }
  return { fixes: [] };
}
