// A rule's documentation page, read from the package: the bundle runs from dist/, and
// docs/rules/ sits beside it. SARIF viewers (GitHub code scanning among them) show it
// as the rule's help, so a reader of an alert need not leave the page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsUrl } from '../core';

const DOCS_DIR = path.join(__dirname, '..', 'docs', 'rules');

/**
 * The Markdown of `docs/rules/<id>.md`, or undefined when the page is not shipped. Links
 * to sibling pages (`[lock-order](lock-order.md)`) become absolute, since a viewer shows
 * the text away from its folder.
 */
export function ruleDocMarkdown(ruleId: string): string | undefined {
  let markdown: string;
  try {
    markdown = fs.readFileSync(path.join(DOCS_DIR, `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
  return markdown.replace(/\]\(([\w-]+)\.md(#[^)]*)?\)/g, (_, id: string, anchor = '') => `](${docsUrl(id)}${anchor})`);
}
