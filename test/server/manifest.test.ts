// The extension manifest against the code it describes: one setting per registered rule at
// the rule's default severity (rules are added all the time; `npm run sync-manifest`
// regenerates the list), every `%key%` translated in English and Japanese, the commands the
// client registers, and a client bundle that stays free of the analyzer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleInfos, configSchema } from '../../src/core';
import { Commands, CONFIGURATION_SECTION } from '../../src/server/protocol';

const root = path.join(__dirname, '..', '..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface Manifest {
  main: string;
  activationEvents: string[];
  l10n: string;
  icon?: string;
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited' }; virtualWorkspaces: { supported: boolean; description?: string } };
  contributes: {
    jsonValidation: Array<{ fileMatch: string; url: string }>;
    configuration: { title: string; properties: Record<string, { default?: unknown; enum?: string[]; markdownDescription?: string; description?: string }> };
    commands: Array<{ command: string; title: string; category?: string }>;
    grammars: Array<{ path: string }>;
  };
}

const manifest = readJson('package.json') as unknown as Manifest;
const english = readJson('package.nls.json') as Record<string, string>;
const japanese = readJson('package.nls.ja.json') as Record<string, string>;
const RULE_PREFIX = `${CONFIGURATION_SECTION}.rules.`;

describe('extension manifest', () => {
  const properties = manifest.contributes.configuration.properties;

  it('has one rule setting per registered rule, defaulting to its severity (run `npm run sync-manifest` after adding a rule)', () => {
    const listed = Object.entries(properties)
      .filter(([key]) => key.startsWith(RULE_PREFIX))
      .map(([key, property]) => ({ id: key.slice(RULE_PREFIX.length), default: property.default, values: property.enum }));
    const registered = allRuleInfos.map((rule) => ({
      id: rule.meta.id,
      default: rule.meta.defaultSeverity,
      values: ['off', 'hint', 'info', 'warning', 'error'],
    }));
    assert.deepEqual(listed, registered);
  });

  it('lists every setting the server reads', () => {
    const settingKeys = Object.keys(properties).filter((key) => !key.startsWith(RULE_PREFIX));
    assert.deepEqual(settingKeys, [
      'kitchenSync.enable',
      'kitchenSync.experimental',
      'kitchenSync.blockingLoop.minIterations',
      'kitchenSync.blockingCall.extraFunctions',
      'kitchenSync.locks.acquireMethods',
      'kitchenSync.locks.releaseMethods',
      'kitchenSync.locks.runExclusiveMethods',
      'kitchenSync.fileTimeBudgetMs',
      'kitchenSync.awaitRulesInTests',
      'kitchenSync.trace.server',
    ]);
  });

  it('translates every %key% it uses, in English and Japanese, and keeps no unused key', () => {
    const used = new Set([...JSON.stringify(manifest).matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]));
    assert.ok(used.size > 20, 'expected the manifest to use localized strings');
    assert.deepEqual(Object.keys(english).sort(), [...used].sort(), 'package.nls.json');
    assert.deepEqual(Object.keys(japanese).sort(), [...used].sort(), 'package.nls.ja.json');
    for (const [key, text] of Object.entries(japanese)) assert.ok(text.trim().length > 0, key);
  });

  it('contributes the commands the client registers, each with a localized title', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(Commands).sort());
    const clientSource = fs.readFileSync(path.join(root, 'src', 'client', 'extension.ts'), 'utf8');
    for (const name of Object.keys(Commands)) assert.match(clientSource, new RegExp(`registerCommand\\(Commands\\.${name}\\b`), name);
    for (const command of manifest.contributes.commands) assert.match(command.title, /^%command\.\w+\.title%$/);
  });

  it("registers the configuration file's schema, as `npm run sync-manifest` writes it from the rule registry", () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: 'kitchen-sync.config.json', url: './schemas/kitchen-sync.config.schema.json' },
      { fileMatch: 'package.json', url: './schemas/package-json.schema.json' },
    ]);
    assert.deepEqual(readJson('schemas/kitchen-sync.config.schema.json'), configSchema());
    const rules = (configSchema().properties as { rules: { properties: Record<string, unknown> } }).rules.properties;
    assert.deepEqual(
      Object.keys(rules),
      allRuleInfos.map((rule) => rule.meta.id),
    );
    const packageSchema = readJson('schemas/package-json.schema.json') as { properties: { kitchenSync: { $ref: string } } };
    assert.equal(packageSchema.properties.kitchenSync.$ref, './kitchen-sync.config.schema.json');
  });

  it('runs in Restricted Mode, and says why it cannot run in a virtual workspace', () => {
    // The analysis reads code and never runs it, and no setting names a program to start:
    // nothing needs to wait for the user to trust the folder.
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
    assert.match(english[manifest.capabilities.virtualWorkspaces.description?.replace(/^%|%$/g, '') ?? ''], /from disk/);
  });

  it('activates on the four languages and points at files that exist', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:typescript', 'onLanguage:typescriptreact', 'onLanguage:javascript', 'onLanguage:javascriptreact']);
    assert.equal(manifest.main, './dist/client.js');
    for (const file of [manifest.l10n, manifest.icon, ...manifest.contributes.grammars.map((g) => g.path)]) {
      assert.ok(file && fs.existsSync(path.join(root, file)), `${file} exists`);
    }
  });
});

describe('client bundle', () => {
  const bundle = path.join(root, 'dist', 'client.js');

  it('holds the client and not the analyzer (the extension host never analyses)', () => {
    assert.ok(fs.existsSync(bundle), 'dist/client.js is missing: run `npm run build` first');
    const text = fs.readFileSync(bundle, 'utf8');
    // esbuild marks each bundled module with a `// path` comment.
    assert.match(text, /^\/\/ src\/client\/extension\.ts$/m);
    assert.match(text, /^\/\/ node_modules\/vscode-languageclient\//m);
    const analyzerModules = text.match(/^\/\/ (?:node_modules\/(?:@ts-morph|ts-morph|typescript)\/|src\/(?:core|explain)\/).*$/gm) ?? [];
    assert.deepEqual(analyzerModules, []);
  });
});

describe('test scripts', () => {
  /** The folders a script's `test/{a,b}/**` glob names. */
  const foldersOf = (script: string): string[] => /test\/\{([\w,]+)\}\//.exec(script)?.[1].split(',') ?? [];
  const scripts = (readJson('package.json') as { scripts: Record<string, string> }).scripts;

  it('splits every test folder of npm test between test:unit and test:integration, once each', () => {
    const unit = foldersOf(scripts['test:unit']);
    const integration = foldersOf(scripts['test:integration']);
    const withTests = fs
      .readdirSync(path.join(root, 'test'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !['e2e', 'fixtures'].includes(entry.name))
      .filter((entry) => fs.readdirSync(path.join(root, 'test', entry.name), { recursive: true }).some((file) => String(file).endsWith('.test.ts')))
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual([...unit, ...integration].sort(), withTests);
  });
});
