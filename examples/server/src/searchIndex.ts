import { listDescriptions, listSearchTerms } from './store';

let index = new Map<string, number>();

/** How many product descriptions mention each search term. */
export function refreshSearchIndex(): void {
  const next = new Map<string, number>();
  const descriptions = listDescriptions();
  for (const term of listSearchTerms()) {
    next.set(term, descriptions.filter((text) => text.includes(term)).length);
  }
  index = next;
}

export function popularity(term: string): number {
  return index.get(term) ?? 0;
}
