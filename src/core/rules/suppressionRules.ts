// The two rules about suppression comments themselves. The analyzer reports them after
// every other rule has run (see `suppressions.ts`), so they have no check of their own.
import type { RuleInfo } from '../rule';

export const unusedSuppression: RuleInfo<'unusedRule' | 'unusedAll'> = {
  meta: {
    id: 'unused-suppression',
    family: 'suppressions',
    defaultSeverity: 'warning',
    description: 'A kitchen-sync-disable directive that suppresses nothing.',
    experimental: false,
  },
  messages: {
    unusedRule: "This directive disables '{ruleId}', but there is no '{ruleId}' finding here to suppress.",
    unusedAll: 'This directive disables every rule, but there is no finding here to suppress.',
  },
};

export const invalidSuppression: RuleInfo<'unknownRule'> = {
  meta: {
    id: 'invalid-suppression',
    family: 'suppressions',
    defaultSeverity: 'warning',
    description: 'A kitchen-sync-disable directive that names a rule that does not exist.',
    experimental: false,
  },
  messages: {
    unknownRule: "Unknown rule '{ruleId}' in a kitchen-sync-disable directive.",
  },
};
