// Fix titles and the messages of related locations, written like rule messages: an
// English template with `{name}` placeholders, filled here for English readers (JSON,
// SARIF, tests), and kept with its values so that the editor and the CLI can show it in
// the user's language. Pass the template as a string literal: a test collects these
// calls to check that the Japanese bundle translates every one.
import type { TemplateText } from './finding';
import { formatMessage } from './formatMessage';

/** A fix's `title` and `titleTemplate`, to spread into the fix. */
export function fixTitle(template: string, data: Record<string, string> = {}): { title: string; titleTemplate: TemplateText } {
  return { title: formatMessage(template, data), titleTemplate: { template, data } };
}

/** A related location's text, to spread into the location. */
export interface RelatedMessage {
  message: string;
  messageTemplate: TemplateText;
}

/** A related location's `message` and `messageTemplate`, to spread into the location. */
export function relatedMessage(template: string, data: Record<string, string> = {}): RelatedMessage {
  return { message: formatMessage(template, data), messageTemplate: { template, data } };
}
