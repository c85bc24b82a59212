// The rule registry. A new rule is one module in this folder plus one line here.
import type { Rule, RuleInfo } from '../rule';
import { awaitInLoop } from './awaitInLoop';
import { blockingCall } from './blockingCall';
import { blockingLoop } from './blockingLoop';
import { lockLeak } from './lockLeak';
import { lockOrder } from './lockOrder';
import { lockReentry } from './lockReentry';
import { raceCheckThenAct } from './raceCheckThenAct';
import { raceLostUpdate } from './raceLostUpdate';
import { sequentialAwait } from './sequentialAwait';
import { invalidSuppression, unusedSuppression } from './suppressionRules';

/** Rules with a check, in the order they run. */
export const allRules: readonly Rule[] = [
  sequentialAwait,
  awaitInLoop,
  blockingLoop,
  blockingCall,
  lockOrder,
  lockReentry,
  lockLeak,
  raceLostUpdate,
  raceCheckThenAct,
];

/** Every rule id a user can configure or name in a directive, with its metadata. */
export const allRuleInfos: readonly RuleInfo[] = [...allRules, unusedSuppression, invalidSuppression];

export function ruleInfo(id: string): RuleInfo | undefined {
  return allRuleInfos.find((r) => r.meta.id === id);
}
