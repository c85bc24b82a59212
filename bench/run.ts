// `npm run bench`: see bench/README.md for what it measures and its flags.
import * as fs from 'node:fs';
import { formatReport } from './formatReport';
import { DEFAULT_OPTIONS, runBench, type BenchOptions } from './runBench';

const USAGE = `Usage: npm run bench -- [options]
  --corpora <names>   real corpora, comma-separated (default: effect,zod,openai,anthropic-sdk); --corpora none for none
  --sizes <n,...>     generated workspace sizes in files (default: 1000,5000)
  --large             also the 20,000-file workspace (long on a small machine)
  --no-eslint         skip the ESLint runs
  --no-latency        skip the editor-latency measure
  --edits <n>         edits timed through the language server (default: 15)
  --no-fixes          skip fix safety
  --no-lock-graph     skip bench/lockGraphScaling.ts
  --wide-awaits <n,...>  awaits in the one-function worst case, reference first (default: 1000,5000,10000,50000); none for none
  --smoke             a tiny run that checks the bench itself works (seconds, not a measurement)
  --json <file>       also write every number as JSON
  --keep              keep the scratch folder
`;

function parse(argv: string[]): { options: BenchOptions; json?: string } {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, latency: DEFAULT_OPTIONS.latency && { ...DEFAULT_OPTIONS.latency } };
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      return next;
    };
    switch (arg) {
      case '--corpora': {
        const names = value();
        options.realCorpora = names === 'none' ? [] : names.split(',').map((n) => n.trim());
        break;
      }
      case '--sizes':
        options.generatedSizes = value()
          .split(',')
          .map((n) => Number(n.replace(/_/g, '')));
        if (options.generatedSizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error('--sizes takes whole numbers of at least 2.');
        break;
      case '--large':
        options.generatedSizes = [...new Set([...options.generatedSizes, 20_000])];
        break;
      case '--no-eslint':
        options.eslint = false;
        break;
      case '--no-latency':
        options.latency = undefined;
        break;
      case '--edits':
        if (options.latency) options.latency.edits = Number(value());
        break;
      case '--no-fixes':
        options.fixSafety = false;
        break;
      case '--no-lock-graph':
        options.lockGraphScaling = false;
        break;
      case '--wide-awaits': {
        const sizes = value();
        options.wideAwaitSizes = sizes === 'none' ? [] : sizes.split(',').map((n) => Number(n.replace(/_/g, '')));
        if (options.wideAwaitSizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error('--wide-awaits takes whole numbers of at least 2.');
        break;
      }
      case '--smoke':
        Object.assign(options, SMOKE_OPTIONS);
        break;
      case '--json':
        json = value();
        break;
      case '--keep':
        options.keepScratch = true;
        break;
      case '--help':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option '${arg}'.\n${USAGE}`);
    }
  }
  return { options, json };
}

/** Small enough to finish in seconds; it shows the bench runs, not how fast anything is. */
export const SMOKE_OPTIONS: Partial<BenchOptions> = {
  realCorpora: [],
  generatedSizes: [20, 40],
  latency: { files: 20, lines: 200, edits: 2, hovers: 3, debounceMs: 20 },
  lockGraphScaling: false,
  wideAwaitSizes: [100, 200],
};

async function main(): Promise<void> {
  const { options, json } = parse(process.argv.slice(2));
  const report = await runBench(options);
  process.stdout.write(formatReport(report));
  if (json) fs.writeFileSync(json, `${JSON.stringify(report, (key, v: unknown) => (key === 'stdout' || key === 'stderr' ? undefined : v), 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
