// The pinned corpus: real applications (not libraries), each at one commit, so that the
// results change only when the rules do. `corpus.json` is the list; this module reads it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Corpus {
  /** Short name: the labels file is `labels/<name>.tsv`. */
  name: string;
  /** `owner/name` of the public repository. */
  repo: string;
  /** The full commit id; never a branch, so the corpus never moves by itself. */
  commit: string;
  /** What kind of application it is, for the reader of the table. */
  kind: string;
  /** Folders (relative to the repository root) that are analysed. */
  analyse: string[];
}

export const LINTCHECK_ROOT = __dirname;

export function readCorpora(file = path.join(LINTCHECK_ROOT, 'corpus.json')): Corpus[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { corpora: Corpus[] };
  for (const corpus of parsed.corpora) {
    if (!/^[0-9a-f]{40}$/.test(corpus.commit)) throw new Error(`${corpus.name}: commit must be a full 40-hex commit id, not '${corpus.commit}'`);
    if (corpus.analyse.length === 0) throw new Error(`${corpus.name}: no folders to analyse`);
  }
  return parsed.corpora;
}
