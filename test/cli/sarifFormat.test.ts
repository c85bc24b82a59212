// SARIF 2.1.0: checked against the constraints of the schema that GitHub code scanning
// and other viewers rely on (written out here: the tests run without network).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRuleInfos, docsUrl } from '../../src/core';
import { version } from '../../package.json';
import { buildCliOnce, REPO_ROOT, removeWorkspace, runCli, runCliBinary, workspace } from './cliHarness';
import { DIRECTIVES_TS, PROFILE_FIXED_TS, PROFILE_TS, SAMPLE_FILES } from './sampleWorkspace';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region?: Region;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: PhysicalLocation }>;
  relatedLocations: Array<{ id: number; physicalLocation: PhysicalLocation; message: { text: string } }>;
  fixes: Array<{
    description: { text: string };
    artifactChanges: Array<{
      artifactLocation: { uri: string; uriBaseId?: string };
      replacements: Array<{ deletedRegion: Region; insertedContent: { text: string } }>;
    }>;
  }>;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: unknown[] };
}
interface SarifNotification {
  level: string;
  message: { text: string };
  descriptor: { id: string; index: number };
  locations: Array<{ physicalLocation: Required<PhysicalLocation> }>;
}
/** The parts of a SARIF log the tests read; the CLI's output is checked against them field by field. */
interface SarifLog {
  version: string;
  $schema: string;
  runs: Array<{
    columnKind: string;
    originalUriBaseIds: Record<string, { uri: string }>;
    tool: {
      driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[]; notifications: Array<{ id: string }> };
    };
    results: SarifResult[];
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }>;
  }>;
}

const LEVELS = ['none', 'note', 'warning', 'error'];

describe('kitchen-sync --format sarif', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  let root: string;
  // Parsed JSON, checked field by field against the schema's constraints below.
  let log: SarifLog;
  let run: ReturnType<typeof runCli>;
  before(function () {
    this.timeout(300_000);
    root = workspace({ ...SAMPLE_FILES, 'src/broken.ts': 'export const = ;\n' });
    // The bundle, as users run it: each rule's help is its page, read from docs/ beside dist/.
    buildCliOnce();
    run = runCliBinary(['--format', 'sarif'], root);
    log = JSON.parse(run.stdout) as SarifLog;
  });
  after(() => removeWorkspace(root));

  it('is a SARIF 2.1.0 log with one run', () => {
    assert.equal(run.status, 3, 'broken.ts was not analysed: the run is incomplete');
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /^https:\/\/.*sarif-2\.1\.0.*\.json$/);
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
  });

  it('describes the tool and every registered rule', () => {
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'kitchen-sync');
    assert.equal(driver.version, version);
    assert.equal(driver.semanticVersion, version);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      allRuleInfos.map((r) => r.meta.id),
    );
    for (const [index, rule] of driver.rules.entries()) {
      const meta = allRuleInfos[index].meta;
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, 'name is an identifier');
      assert.equal(rule.shortDescription.text, meta.description);
      assert.ok(rule.shortDescription.text.length <= 1024, 'GitHub truncates longer short descriptions');
      assert.ok(rule.fullDescription.text.length > 0);
      assert.equal(rule.helpUri, docsUrl(meta.id));
      assert.ok(rule.help.text.includes(docsUrl(meta.id)));
      assert.ok(rule.help.markdown.length > 0);
      assert.ok(LEVELS.includes(rule.defaultConfiguration.level));
      assert.ok(Array.isArray(rule.properties.tags) && rule.properties.tags.every((t) => typeof t === 'string'));
    }
    const sequential = driver.rules.find((r) => r.id === 'sequential-await')!;
    assert.equal(sequential.name, 'SequentialAwait');
    // Each rule's page is its help, with links to sibling pages made absolute.
    const page = (id: string) => fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
    const siblingLink = /\]\(([\w-]+)\.md(#[^)]*)?\)/g;
    assert.ok(
      driver.rules.some((r) => /\]\([\w-]+\.md/.test(page(r.id))),
      'some page links to another',
    );
    for (const rule of driver.rules) {
      const expected = page(rule.id).replace(siblingLink, (_: string, id: string, anchor = '') => `](${docsUrl(id)}${anchor})`);
      assert.equal(rule.help.markdown, expected, rule.id);
      assert.doesNotMatch(rule.help.markdown, /\]\([\w-]+\.md/);
    }
    assert.equal(sequential.defaultConfiguration.level, 'warning');
  });

  it('gives each result its rule, level, message and a location relative to %SRCROOT%', () => {
    const runObject = log.runs[0];
    assert.deepEqual(runObject.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(root).href}/` } });
    const results = runObject.results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region]),
      [
        ['unused-suppression', 'src/directives.ts', { startLine: 2, startColumn: 37, endLine: 2, endColumn: 56 }],
        ['invalid-suppression', 'src/directives.ts', { startLine: 11, startColumn: 35, endLine: 11, endColumn: 47 }],
        ['sequential-await', 'src/profile.ts', { startLine: 9, startColumn: 18, endLine: 9, endColumn: 39 }],
      ],
    );
    for (const result of results) {
      assert.equal(runObject.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.level, 'warning');
      assert.ok(result.message.text.length > 0);
      assert.equal(result.locations.length, 1);
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    assert.equal(results[1].message.text, "Unknown rule 'no-such-rule' in a kitchen-sync-disable directive.");
  });

  it('lists related locations with ids and messages', () => {
    const sequential = log.runs[0].results.find((r) => r.ruleId === 'sequential-await')!;
    assert.equal(sequential.relatedLocations.length, 1);
    const [related] = sequential.relatedLocations;
    assert.equal(related.id, 1);
    assert.ok(related.message.text.length > 0);
    assert.deepEqual(related.physicalLocation, {
      artifactLocation: { uri: 'src/profile.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 8, startColumn: 16, endLine: 8, endColumn: 35 },
    });
  });

  it('carries fixes whose replacements give the same text as --fix', () => {
    const results = log.runs[0].results;
    const sequential = results.find((r) => r.ruleId === 'sequential-await')!;
    const unused = results.find((r) => r.ruleId === 'unused-suppression')!;
    assert.equal(sequential.fixes.length, 1);
    assert.equal(applySarifFix(PROFILE_TS, sequential.fixes[0], 'src/profile.ts'), PROFILE_FIXED_TS);
    assert.equal(unused.fixes[0].description.text, 'Remove unused kitchen-sync-disable directive');
    assert.equal(
      applySarifFix(DIRECTIVES_TS, unused.fixes[0], 'src/directives.ts'),
      DIRECTIVES_TS.replace('  // kitchen-sync-disable-next-line invalid-suppression -- nothing to hide here\n', ''),
    );
    assert.deepEqual(results.find((r) => r.ruleId === 'invalid-suppression')!.fixes, []);
  });

  it('reports problems as tool execution notifications', () => {
    const [invocation] = log.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, true);
    assert.equal(invocation.toolExecutionNotifications.length, 1);
    const [notification] = invocation.toolExecutionNotifications;
    assert.equal(notification.level, 'error');
    assert.match(notification.message.text, /^Syntax error, file not analysed: /);
    assert.deepEqual(notification.descriptor, { id: 'parse', index: log.runs[0].tool.driver.notifications.findIndex((n) => n.id === 'parse') });
    assert.equal(notification.locations[0].physicalLocation.artifactLocation.uri, 'src/broken.ts');
    assert.equal(notification.locations[0].physicalLocation.region.startLine, 1);
    // stdout stays valid SARIF; the problem is also on stderr for the CI log.
    assert.match(run.stderr, /^kitchen-sync: src\/broken\.ts:1:14: Syntax error, file not analysed: /);
  });

  it('--output writes the log to a file, as CI upload steps expect', () => {
    const written = runCli(['--format', 'sarif', '--output', 'results.sarif', 'src/profile.ts'], root);
    assert.equal(written.stdout, '');
    const fromFile = JSON.parse(fs.readFileSync(path.join(root, 'results.sarif'), 'utf8')) as SarifLog;
    assert.deepEqual(
      fromFile.runs[0].results.map((r) => r.ruleId),
      ['sequential-await'],
    );
  });
});

/** Applies one SARIF fix to `text`, reading regions as one-based UTF-16 lines and columns. */
function applySarifFix(text: string, fix: SarifResult['fixes'][number], uri: string): string {
  assert.deepEqual(
    fix.artifactChanges.map((c) => c.artifactLocation.uri),
    [uri],
  );
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const offset = (line: number, column: number) => lineStarts[line - 1] + column - 1;
  const replacements = fix.artifactChanges[0].replacements
    .map((r) => ({
      start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn),
      end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn),
      text: r.insertedContent.text,
    }))
    .sort((a, b) => b.start - a.start);
  return replacements.reduce((current, r) => current.slice(0, r.start) + r.text + current.slice(r.end), text);
}
