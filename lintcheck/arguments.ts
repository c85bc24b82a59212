// `npm run lintcheck -- [options]`.
import * as os from 'node:os';
import * as path from 'node:path';

export interface LintcheckOptions {
  corpora: string[] | undefined;
  reposDir: string | undefined;
  cacheDir: string;
  peers: boolean;
  /** Run the peers again instead of reusing their last findings on the same corpus. */
  freshPeers: boolean;
  install: boolean;
  /** Write unread findings into the labels files as `?` rows, to be read and labelled. */
  addUnlabelled: boolean;
  /** How many unread experimental or peer findings per rule and corpus `--add-unlabelled` adds. */
  sample: number;
  fixSafety: boolean;
  /** Tally the labels against the last run's reports instead of running the CLI again. */
  tallyOnly: boolean;
  markdown: string | undefined;
  /** The CLI bundle to judge: another build (a baseline) can be compared with the same labels. */
  cli: string;
}

export const USAGE = `Usage: npm run lintcheck -- [options]

Runs Kitchen Sync (both tiers) and the peer linters over the pinned corpus of real
applications (lintcheck/corpus.json) and compares every finding with its label
(lintcheck/labels/<corpus>.tsv and <corpus>.peers.tsv).

Options:
  --corpus <a,b>        Only these corpora
  --repos <dir>         Folder with a git repository of each corpus, named owner+name
                        (default: $KITCHEN_SYNC_LINTCHECK_REPOS; else each is cloned)
  --cache <dir>         Where sources and results go (default: ~/.cache/kitchen-sync-lintcheck)
  --no-peers            Skip ESLint and Biome
  --fresh-peers         Run the peers again (their findings are kept per corpus and reused)
  --no-install          Do not install the corpora's dependencies (by default each is
                        installed once from its lock file, scripts off)
  --add-unlabelled      Add unread findings to the labels files as '?' rows: every
                        default-tier finding, and --sample of the others per rule and corpus
  --sample <n>          (default 12)
  --fix-safety          Also apply --fix to a copy of each corpus and type-check before and after
  --tally-only          Count the labels against the last run's reports (after labelling)
  --markdown <file>     Also write the tables as Markdown
  --cli <file>          The CLI bundle to judge (default: dist/cli.js, built by npm run lintcheck)
`;

export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): LintcheckOptions {
  const options: LintcheckOptions = {
    corpora: undefined,
    reposDir: env.KITCHEN_SYNC_LINTCHECK_REPOS,
    cacheDir: path.join(os.homedir(), '.cache', 'kitchen-sync-lintcheck'),
    peers: true,
    freshPeers: false,
    install: true,
    addUnlabelled: false,
    sample: 12,
    fixSafety: false,
    tallyOnly: false,
    markdown: undefined,
    cli: path.join(__dirname, '..', 'dist', 'cli.js'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n\n${USAGE}`);
      return next;
    };
    if (arg === '--corpus') options.corpora = value().split(',');
    else if (arg === '--repos') options.reposDir = path.resolve(value());
    else if (arg === '--cache') options.cacheDir = path.resolve(value());
    else if (arg === '--no-peers') options.peers = false;
    else if (arg === '--no-install') options.install = false;
    else if (arg === '--fresh-peers') options.freshPeers = true;
    else if (arg === '--add-unlabelled') options.addUnlabelled = true;
    else if (arg === '--sample') options.sample = Number(value());
    else if (arg === '--fix-safety') options.fixSafety = true;
    else if (arg === '--tally-only') options.tallyOnly = true;
    else if (arg === '--markdown') options.markdown = path.resolve(value());
    else if (arg === '--cli') options.cli = path.resolve(value());
    else throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
  }
  if (!Number.isInteger(options.sample) || options.sample < 0) throw new Error('--sample takes a whole number');
  return options;
}
