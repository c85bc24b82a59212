// blocking-call: a call that holds the event loop until it returns (`fs.readFileSync`,
// `execSync`, `pbkdf2Sync`, `zlib.gzipSync`, `Atomics.wait`, or a function listed in
// `kitchenSync.blockingCall.extraFunctions`), run from an async function or a callback the
// event loop calls. Inside an async function the fix switches to the promise API with await.
// A call that reaches several blocking calls is reported once, with each of them listed.
// A result kept for good (`cache ??= readFileSync(p)`) costs only the first run: a hint,
// in the experimental tier.
import { Node } from 'ts-morph';
import { blockingWorkIn } from '../eventLoop/blockingWork';
import { promiseApiFix } from '../eventLoop/fixes/promiseApi';
import { describeOccurrence, siteMarker } from '../eventLoop/occurrenceFacts';
import { distinctRelated, groupedByPosition, mostSevere } from '../eventLoop/occurrenceGroups';
import { defineRule } from '../rule';

type MessageId =
  | 'blockingCall'
  | 'blockingCallWithAlternative'
  | 'blockingCallViaCall'
  | 'blockingCallsViaCall'
  | 'blockingCallOnce'
  | 'blockingCallOnceViaCall';

export const blockingCall = defineRule<MessageId>({
  meta: {
    id: 'blocking-call',
    family: 'event-loop',
    defaultSeverity: 'warning',
    description: 'A synchronous, blocking API (readFileSync, execSync, pbkdf2Sync, ...) called from async code, so nothing else runs until it returns.',
    experimental: false,
  },
  messages: {
    blockingCall: '`{callee}` blocks the event loop in `{entry}`: nothing else runs until it returns.',
    blockingCallWithAlternative: '`{callee}` blocks the event loop in `{entry}`: nothing else runs until it returns. Use `{alternative}` with await instead.',
    blockingCallViaCall: '`{call}` reaches `{callee}`, which blocks the event loop in `{entry}`: nothing else runs until it returns.',
    blockingCallsViaCall:
      '`{call}` reaches `{callee}` and {more} more blocking calls, which block the event loop in `{entry}`: nothing else runs until they return.',
    blockingCallOnce: '`{callee}` blocks the event loop in `{entry}` the first time it runs; its result is kept, so later runs do not wait.',
    blockingCallOnceViaCall:
      '`{call}` reaches `{callee}`, which blocks the event loop in `{entry}` the first time it runs; its result is kept, so later runs do not wait.',
  },
  check(ctx) {
    for (const group of groupedByPosition(blockingWorkIn(ctx.sourceFile, ctx.settings), (occurrence) => occurrence.site.kind === 'blocking-call')) {
      const shown = mostSevere(group);
      const [lead] = shown;
      const { site } = lead;
      if (!site.api || !Node.isCallExpression(site.node)) continue;
      const direct = lead.at === site.node;
      const once = site.runsOnce === true;
      const alternative = once ? undefined : site.api.advice;
      const fix = direct && !once && site.api.alternative ? promiseApiFix(site.node, site.api.alternative) : undefined;
      const texts = shown.map((occurrence) => describeOccurrence(occurrence, occurrence === lead && alternative ? { alternative } : {}));
      const data = { ...texts[0].data, ...(alternative ? { alternative } : {}), ...(shown.length > 1 ? { more: String(shown.length - 1) } : {}) };
      ctx.report({
        node: siteMarker(lead.at),
        messageId: messageIdFor(direct, once, shown.length, alternative !== undefined),
        data,
        related: distinctRelated(texts.flatMap((text) => text.related)),
        fixes: fix ? [fix] : [],
        explanation: texts[0].facts,
        experimental: site.experimental,
        ...(once ? { severity: 'hint' as const } : {}),
      });
    }
  },
});

function messageIdFor(direct: boolean, once: boolean, count: number, withAlternative: boolean): MessageId {
  if (once) return direct ? 'blockingCallOnce' : 'blockingCallOnceViaCall';
  if (!direct) return count > 1 ? 'blockingCallsViaCall' : 'blockingCallViaCall';
  return withAlternative ? 'blockingCallWithAlternative' : 'blockingCall';
}
