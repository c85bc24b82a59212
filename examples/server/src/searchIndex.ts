import { listSearchTerms } from './store';

let index = new Map<string, number>();

/** For each search term, how many other terms contain it ("tea" is in "green tea"): the suggestions shown as you type. */
export function refreshSearchIndex(): void {
  const next = new Map<string, number>();
  const terms: string[] = JSON.parse(listSearchTerms());
  for (const term of terms) {
    next.set(term, terms.filter((other) => other !== term && other.includes(term)).length);
  }
  index = next;
}

export function popularity(term: string): number {
  return index.get(term) ?? 0;
}
