// Plain, serializable data that leaves the core. No ts-morph node ever escapes:
// the server, the CLI and the cards only see these shapes.
import type { ExplanationFacts } from './explanationFacts';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  /** Absolute path of the file the edit applies to. */
  file: string;
  range: Range;
  newText: string;
}

/**
 * An English text and what a front end needs to show it in another language: the
 * template it was filled from (the translation bundle's key, as a rule's message
 * template is) and the values of its `{name}` placeholders.
 */
export interface TemplateText {
  template: string;
  data: Record<string, string>;
}

export interface Fix {
  /** In English; `titleTemplate` lets a front end localize it. */
  title: string;
  titleTemplate: TemplateText;
  edits: TextEdit[];
  /** The fix a user most likely wants; editors list it first. */
  isPreferred: boolean;
  /**
   * The edits' `newText` is an LSP snippet (`${1:id}` placeholders for the user to fill in):
   * editors insert it as a snippet, and `--fix` never applies it. Never preferred.
   */
  snippet?: boolean;
  /**
   * Absolute paths of files the fix creates (a new worker module). Each must not exist yet;
   * it starts empty and the fix's edits for it (at 0:0) fill it in. Editors create it with a
   * `CreateFile` operation before the text edits; `applyFixesToFiles` applies such fixes.
   */
  createFiles?: string[];
}

export interface RelatedLocation {
  file: string;
  range: Range;
  /** In English; `messageTemplate` lets a front end localize it. */
  message: string;
  messageTemplate: TemplateText;
}

export interface Finding {
  ruleId: string;
  file: string;
  range: Range;
  severity: Severity;
  /** The English message; `messageId` and `data` let a front end localize it. */
  message: string;
  messageId: string;
  data: Record<string, string>;
  related: RelatedLocation[];
  fixes: Fix[];
  explanation: ExplanationFacts;
  /** Reported only because the experimental tier is on: the rule is less sure of it. */
  experimental: boolean;
}

/** Something that kept the analyzer from looking at (part of) the input. Never a crash. */
export interface Problem {
  /**
   * `skipped`: rules that did not run on a file for its time budget; `not-fixed`: a file
   * `--fix` left as it was. Every other kind but `config` kept code from being analysed.
   */
  kind: 'config' | 'read' | 'parse' | 'skipped' | 'not-fixed' | 'internal';
  message: string;
  file?: string;
  range?: Range;
  /** For `skipped`: the ids of the rules that did not run. */
  rules?: string[];
}

export interface AnalysisResult {
  findings: Finding[];
  problems: Problem[];
}
