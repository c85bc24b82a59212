// One analysis everywhere: the language server reads the same configuration file as the
// CLI and reports the same findings for the same project, with the editor settings a user
// changed on top, and follows the file when it changes on disk.
import * as assert from 'node:assert/strict';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../../src/core';
import { buildCliOnce, runCli, STRICT_TSCONFIG } from '../cli/cliHarness';
import { PROFILE_TS } from '../cli/sampleWorkspace';
import { serverOnWorkspace } from './lspSession';

const LOCK_HELPER_TS = `declare class Store {
  grab(): Promise<() => void>;
  read(): number;
}
export async function copy(a: Store, b: Store) {
  const releaseA = await a.grab();
  const value = a.read();
  releaseA();
  return value;
}
`;

const CONFIG = {
  rules: { 'sequential-await': 'error' },
  locks: { acquireMethods: ['grab'] },
  ignore: ['generated/**'],
  overrides: [{ files: 'scripts/**', rules: { 'sequential-await': 'hint' } }],
};
const FILES = ['src/profile.ts', 'scripts/profile.ts', 'generated/profile.ts', 'src/copy.ts'];
const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'];

type Row = [file: string, rule: string, severity: string, line: number, character: number];

describe('configuration file in the language server', function () {
  this.timeout(120_000);
  before(function () {
    this.timeout(300_000);
    buildCliOnce();
  });
  const server = serverOnWorkspace({
    'tsconfig.json': STRICT_TSCONFIG,
    'kitchen-sync.config.json': JSON.stringify(CONFIG),
    'src/profile.ts': PROFILE_TS,
    'scripts/profile.ts': PROFILE_TS,
    'generated/profile.ts': PROFILE_TS,
    'src/copy.ts': LOCK_HELPER_TS,
  });
  before(async () => {
    for (const file of FILES) await server.session.open(server.session.uri(server.workspace.file(file)), file === 'src/copy.ts' ? LOCK_HELPER_TS : PROFILE_TS);
  });

  const serverRows = async (accept: (diagnostics: Diagnostic[], file: string) => boolean = () => true): Promise<Row[]> => {
    const rows: Row[] = [];
    for (const file of FILES) {
      const { diagnostics } = await server.session.diagnostics(server.session.uri(server.workspace.file(file)), (params) => accept(params.diagnostics, file));
      for (const d of diagnostics) rows.push([file, String(d.code), SEVERITY_NAMES[d.severity ?? 0], d.range.start.line, d.range.start.character]);
    }
    return rows.sort();
  };

  it('reports what the CLI reports for the same project and configuration file', async () => {
    const cli = JSON.parse(runCli(['-f', 'json'], server.workspace.root).stdout) as { findings: Finding[] };
    const cliRows: Row[] = cli.findings
      .map((f): Row => [f.file.slice(server.workspace.root.length + 1), f.ruleId, f.severity, f.range.start.line, f.range.start.character])
      .sort();
    assert.deepEqual(cliRows, [
      ['scripts/profile.ts', 'sequential-await', 'hint', 8, 17],
      ['src/copy.ts', 'lock-leak', 'warning', 5, 25],
      ['src/profile.ts', 'sequential-await', 'error', 8, 17],
    ]);
    assert.deepEqual(await serverRows(), cliRows);
  });

  it('puts the editor settings a user changed over the configuration file', async () => {
    await server.session.changeSettings({ rules: { 'sequential-await': 'info' } });
    const rows = await serverRows((diagnostics, file) => file !== 'src/profile.ts' || diagnostics.some((d) => d.severity === 3));
    assert.deepEqual(
      rows.filter(([, rule]) => rule === 'sequential-await'),
      [
        ['scripts/profile.ts', 'sequential-await', 'info', 8, 17],
        ['src/profile.ts', 'sequential-await', 'info', 8, 17],
      ],
    );
    await server.session.changeSettings({});
  });

  it('follows the configuration file when it changes on disk', async () => {
    const config = server.workspace.write('kitchen-sync.config.json', JSON.stringify({ ...CONFIG, rules: { 'sequential-await': 'off' } }));
    await server.session.filesChanged([{ uri: server.session.uri(config), type: FileChangeType.Changed }]);
    const rows = await serverRows((diagnostics, file) => file !== 'src/profile.ts' || diagnostics.length === 0);
    assert.deepEqual(
      rows.filter(([file]) => file === 'src/profile.ts'),
      [],
    );
  });

  it('says in the log what is wrong with a broken configuration file, and keeps analysing with the editor settings', async () => {
    const config = server.workspace.write('kitchen-sync.config.json', '{ "rules": { "sequential-await": "loud" } }');
    await server.session.filesChanged([{ uri: server.session.uri(config), type: FileChangeType.Changed }]);
    const rows = await serverRows((diagnostics, file) => file !== 'generated/profile.ts' || diagnostics.length > 0);
    assert.deepEqual(
      rows.filter(([, rule]) => rule === 'sequential-await').map(([file, , severity]) => [file, severity]),
      [
        ['generated/profile.ts', 'warning'],
        ['scripts/profile.ts', 'warning'],
        ['src/profile.ts', 'warning'],
      ],
    );
    assert.ok(
      server.session.logs.some((line) => line.startsWith(`${config}: rules.sequential-await is "loud"`)),
      server.session.logs.join('\n'),
    );
  });
});
