// Findings built by hand, so the card tests depend on the finding shape only, not on
// how far the rules have come.
import type { ExplanationFacts, Finding } from '../../src/core';
import { renderCardText, type Locale } from '../../src/explain';
import { fixTitle } from '../../src/core/templateText';

export function findingWith(ruleId: string, explanation: ExplanationFacts, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    file: '/project/src/dashboard.ts',
    range: { start: { line: 4, character: 16 }, end: { line: 4, character: 36 } },
    severity: 'warning',
    message: `${ruleId} message`,
    messageId: 'unused',
    data: {},
    related: [],
    fixes: [],
    explanation,
    experimental: false,
    ...extra,
  };
}

/** The edit is irrelevant to a card; only whether a preferred fix exists matters. */
export const PREFERRED_FIX = { ...fixTitle('Run together with Promise.all'), edits: [], isPreferred: true };

export const loadDashboard = findingWith(
  'sequential-await',
  {
    card: 'sequential-await',
    earlier: 'loadUser(id)',
    later: 'loadOrders(id)',
    group: ['loadUser(id)', 'loadOrders(id)'],
    functionName: 'loadDashboard',
    assigns: 'const [user, orders] = ',
  },
  { fixes: [PREFERRED_FIX] },
);

export const fetchEveryUser = findingWith('await-in-loop', {
  card: 'await-in-loop',
  call: 'fetchUser(id)',
  iterable: 'ids',
  count: 'ids.length',
  unbounded: false,
});

/** Bar columns of the lanes of a timeline: every lane's bar must start in the same column. */
export function barColumns(picture: string): number[] {
  return picture
    .split('\n')
    .filter((line) => /[█░]/.test(line) && line.startsWith('  ') && !/running|実行中/.test(line))
    .map((line) => line.search(/[█░]/));
}

/** The lines of the first fenced block with this info string. */
export function fencedBlock(markdown: string, language: string): string[] {
  const match = new RegExp('^```' + language + '\\n([\\s\\S]*?)\\n```$', 'm').exec(markdown);
  if (!match) throw new Error(`no \`\`\`${language} block in:\n${markdown}`);
  return match[1].split('\n');
}

/**
 * The lines of a card's picture as the terminal shows it (the Kitchen view draws the same
 * picture as SVG): the indented run of lines that holds the bars, from its heading to its
 * last line.
 */
export function pictureLines(finding: Finding, locale: Locale): string[] {
  const lines = renderCardText(finding, locale).split('\n');
  const indented = (line: string | undefined): boolean => line !== undefined && (line === '' || line.startsWith('    '));
  const bars = lines.findIndex((line) => line.includes('█'));
  if (bars < 0) throw new Error(`no picture in:\n${lines.join('\n')}`);
  let start = bars;
  while (lines[start - 1]?.startsWith('    ')) start--;
  let end = bars;
  while (indented(lines[end + 1]) && !(lines[end + 1] === '' && !lines[end + 2]?.startsWith('    '))) end++;
  return lines.slice(start, end + 1).map((line) => line.slice(4));
}
