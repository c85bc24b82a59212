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
 * The pictures and code of a card as the terminal shows them (the Kitchen view draws some of the
 * pictures as SVG): each run of lines indented by four spaces, without the indent.
 */
export function indentedBlocks(finding: Finding, locale: Locale): string[][] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of renderCardText(finding, locale).split('\n')) {
    if (line.startsWith('    ')) (current ??= []).push(line.slice(4));
    else if (line === '' && current) current.push('');
    else if (current) {
      blocks.push(current);
      current = undefined;
    }
  }
  if (current) blocks.push(current);
  return blocks.map((block) => {
    while (block.at(-1) === '') block.pop();
    return block;
  });
}

/** The picture with the bars, as the terminal shows it. */
export function pictureLines(finding: Finding, locale: Locale): string[] {
  const picture = indentedBlocks(finding, locale).find((block) => block.some((line) => line.includes('█')));
  if (!picture) throw new Error(`no picture in:\n${renderCardText(finding, locale)}`);
  return picture;
}
