// What a rule module is. One file per rule under `rules/`, in the spirit of
// typescript-eslint's `createRule`: metadata, keyed messages, and a check.
import type { Node, Project, SourceFile, TypeChecker } from 'ts-morph';
import type { ExplanationFacts } from './explanationFacts';
import type { Fix, RelatedLocation, Severity } from './finding';
import type { AnalyzerSettings } from './settings';

export type RuleFamily = 'await' | 'event-loop' | 'locks' | 'races' | 'suppressions';

export interface RuleMeta {
  id: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** One line, shown in `--help`, SARIF and the docs index. */
  description: string;
  /** Rules that are not yet precise enough run only with `kitchenSync.experimental`. */
  experimental: boolean;
}

export interface Report<MessageId extends string> {
  /** The node to underline; `range` overrides it when a node is not the right span. */
  node: Node;
  messageId: MessageId;
  data?: Record<string, string>;
  related?: RelatedLocation[];
  fixes?: Fix[];
  explanation: ExplanationFacts;
  /** A finding the rule is less sure of: reported only in the experimental tier. */
  experimental?: boolean;
  /** Instead of the rule's configured severity, for a finding that matters less (a cost paid once). */
  severity?: Severity;
}

export interface RuleContext<MessageId extends string = string> {
  project: Project;
  sourceFile: SourceFile;
  checker: TypeChecker;
  settings: AnalyzerSettings;
  report(report: Report<MessageId>): void;
}

/** What every rule has, including those reported by the analyzer itself (suppressions). */
export interface RuleInfo<MessageId extends string = string> {
  meta: RuleMeta;
  /** Message templates with `{name}` placeholders, keyed by id. */
  messages: Record<MessageId, string>;
}

export interface Rule<MessageId extends string = string> extends RuleInfo<MessageId> {
  check: (context: RuleContext<MessageId>) => void;
  /**
   * Builds the whole-program facts the check reads (the lock graph), once per version of
   * the program. Like building the program itself, that is the project's cost, shared by
   * every file, so it runs before a file's time budget starts.
   */
  prepare?: (project: Project, settings: AnalyzerSettings) => void;
}

/** Identity helper that keeps the message ids of a rule literal typed. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

export const DOCS_BASE_URL = 'https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
