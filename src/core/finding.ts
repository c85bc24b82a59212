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

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants; editors list it first. */
  isPreferred: boolean;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
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
}

/** Something that kept the analyzer from looking at (part of) the input. Never a crash. */
export interface Problem {
  kind: 'config' | 'read' | 'parse' | 'skipped' | 'internal';
  message: string;
  file?: string;
  range?: Range;
}

export interface AnalysisResult {
  findings: Finding[];
  problems: Problem[];
}
