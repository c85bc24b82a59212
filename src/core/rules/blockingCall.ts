// blocking-call: a call that holds the event loop until it returns (`fs.readFileSync`,
// `execSync`, `pbkdf2Sync`, `zlib.gzipSync`, `Atomics.wait`, or a function listed in
// `kitchenSync.blockingCall.extraFunctions`), run from an async function or a callback the
// event loop calls. Inside an async function the fix switches to the promise API with await.
import { Node } from 'ts-morph';
import { blockingWorkIn } from '../eventLoop/blockingWork';
import { promiseApiFix } from '../eventLoop/fixes/promiseApi';
import { describeOccurrence, siteMarker } from '../eventLoop/occurrenceFacts';
import { defineRule } from '../rule';

type MessageId = 'blockingCall' | 'blockingCallWithAlternative' | 'blockingCallViaCall';

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
  },
  check(ctx) {
    for (const occurrence of blockingWorkIn(ctx.sourceFile, ctx.settings)) {
      const { site } = occurrence;
      if (site.kind !== 'blocking-call' || !site.api || !Node.isCallExpression(site.node)) continue;
      const direct = occurrence.at === site.node;
      const alternative = site.api.advice;
      const fix = direct && site.api.alternative ? promiseApiFix(site.node, site.api.alternative) : undefined;
      const text = describeOccurrence(occurrence, alternative ? { alternative } : {});
      ctx.report({
        node: siteMarker(occurrence.at),
        messageId: !direct ? 'blockingCallViaCall' : alternative ? 'blockingCallWithAlternative' : 'blockingCall',
        data: alternative ? { ...text.data, alternative } : text.data,
        related: text.related,
        fixes: fix ? [fix] : [],
        explanation: text.facts,
        experimental: site.experimental,
      });
    }
  },
});
