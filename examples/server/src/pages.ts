import { readFileSync } from 'node:fs';

// Read once, when the server starts: nothing is waiting yet, so this is fine.
const layout = readFileSync('views/layout.html', 'utf8');

/** A page of the help section, inside the site's layout. */
export async function renderHelpPage(topic: string): Promise<string> {
  const body = readFileSync(`views/help/${topic}.html`, 'utf8');
  return layout.replace('{{body}}', body);
}
