// The configuration file: found as ESLint and Prettier find theirs, read strictly, and
// layered (defaults, file, matching overrides, then the caller's layer) with each setting's
// source kept for --print-config.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRuleInfos, ConfigError, configSchema, ConfiguredSettings, defaultSettings, withDefaults } from '../../src/core';
import { findConfigFile } from '../../src/core/configFile';

function folder(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-config-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const json = (value: unknown): string => JSON.stringify(value);

describe('configuration file', () => {
  const roots: string[] = [];
  const fresh = (files: Record<string, string>): string => {
    const root = folder(files);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

  it('is the nearest kitchen-sync.config.json or package.json with a "kitchenSync" key above the file', () => {
    const root = fresh({
      'kitchen-sync.config.json': json({ experimental: true }),
      'packages/api/package.json': json({ name: 'api', kitchenSync: { rules: { 'blocking-call': 'error' } } }),
      'packages/web/package.json': json({ name: 'web' }),
      'packages/api/src/server.ts': '',
      'packages/web/src/app.ts': '',
    });
    assert.equal(findConfigFile(path.join(root, 'packages/api/src')), path.join(root, 'packages/api/package.json'));
    assert.equal(
      findConfigFile(path.join(root, 'packages/web/src')),
      path.join(root, 'kitchen-sync.config.json'),
      'a package.json without the key is passed over',
    );
  });

  it('layers the defaults, the file, its matching overrides in order, then the caller, and says where each setting came from', () => {
    const root = fresh({
      'kitchen-sync.config.json': json({
        rules: { 'sequential-await': 'error' },
        locks: { acquireMethods: ['grab'] },
        overrides: [
          { files: 'scripts/**', rules: { 'blocking-call': 'off' } },
          { files: ['scripts/seed.ts'], rules: { 'blocking-call': 'hint' }, blockingLoop: { minIterations: 50 } },
          { files: 'src/**', experimental: true },
        ],
      }),
    });
    const config = path.join(root, 'kitchen-sync.config.json');
    const configured = new ConfiguredSettings();
    const seed = configured.forFile(path.join(root, 'scripts/seed.ts'), { name: 'command line', settings: { rules: { 'lock-order': 'error' } } });
    assert.deepEqual(seed.settings, {
      ...defaultSettings(),
      rules: { 'sequential-await': 'error', 'blocking-call': 'hint', 'lock-order': 'error' },
      locks: { acquireMethods: ['grab'], releaseMethods: [], runExclusiveMethods: [] },
      blockingLoop: { minIterations: 50 },
    });
    assert.deepEqual(seed.sources, {
      'rules.sequential-await': config,
      'locks.acquireMethods': config,
      'rules.blocking-call': `${config} overrides[1]`,
      'blockingLoop.minIterations': `${config} overrides[1]`,
      'rules.lock-order': 'command line',
    });
    assert.equal(seed.configFile, config);
    assert.equal(configured.forFile(path.join(root, 'src/a.ts')).settings.experimental, true);
    assert.equal(configured.forFile(path.join(root, 'lib/a.ts')).settings.experimental, false);
  });

  it('gives files that share their layers one settings object, so caches keyed on settings are shared', () => {
    const root = fresh({ 'kitchen-sync.config.json': json({ overrides: [{ files: 'legacy/**', rules: { 'await-in-loop': 'off' } }] }) });
    const configured = new ConfiguredSettings();
    const base = withDefaults({ fileTimeBudgetMs: 500 });
    const a = configured.forFile(path.join(root, 'src/a.ts'), undefined, base).settings;
    assert.equal(configured.forFile(path.join(root, 'src/deep/b.ts'), undefined, base).settings, a);
    assert.notEqual(configured.forFile(path.join(root, 'legacy/c.ts'), undefined, base).settings, a);
    assert.equal(a.fileTimeBudgetMs, 500);
  });

  it("ignores files by glob, relative to the file's folder; a dot folder or file is matched too", () => {
    const root = fresh({ 'app/kitchen-sync.config.json': json({ ignore: ['generated/**', '**/*.gen.ts'] }) });
    const configured = new ConfiguredSettings();
    const ignored = (name: string): boolean => configured.forFile(path.join(root, name)).ignored;
    assert.equal(ignored('app/generated/api.ts'), true);
    assert.equal(ignored('app/src/.cache/schema.gen.ts'), true);
    assert.equal(ignored('app/src/generated.ts'), false);
    assert.equal(ignored('app/src/api.ts'), false);
  });

  it('takes an explicit file (--config) for every file, instead of the nearest one', () => {
    const root = fresh({
      'kitchen-sync.config.json': json({ experimental: true }),
      'ci.json': json({ rules: { 'await-in-loop': 'error' } }),
    });
    const configured = new ConfiguredSettings(path.join(root, 'ci.json'));
    const { settings, configFile } = configured.forFile(path.join(root, 'src/a.ts'));
    assert.equal(configFile, path.join(root, 'ci.json'));
    assert.equal(settings.experimental, false);
    assert.deepEqual(settings.rules, { 'await-in-loop': 'error' });
  });

  it('picks up a changed file after forget()', () => {
    const root = fresh({ 'kitchen-sync.config.json': json({ experimental: true }) });
    const configured = new ConfiguredSettings();
    const file = path.join(root, 'a.ts');
    assert.equal(configured.forFile(file).settings.experimental, true);
    fs.writeFileSync(path.join(root, 'kitchen-sync.config.json'), json({ experimental: false }));
    assert.equal(configured.forFile(file).settings.experimental, true, 'read once until told');
    configured.forget();
    assert.equal(configured.forFile(file).settings.experimental, false);
  });

  it('accepts every key its JSON Schema offers, at every level', () => {
    const layer = {
      rules: Object.fromEntries(allRuleInfos.map((rule) => [rule.meta.id, rule.meta.defaultSeverity])),
      experimental: true,
      awaitRulesInTests: true,
      blockingLoop: { minIterations: 5_000 },
      blockingCall: { extraFunctions: ['better-sqlite3#Database.prepare'] },
      locks: { acquireMethods: ['grab'], releaseMethods: ['letGo'], runExclusiveMethods: ['whileHolding'] },
    };
    const full = { $schema: './node_modules/kitchen-sync/schema.json', ...layer, ignore: 'dist/**', overrides: [{ files: ['scripts/**'], ...layer }] };
    const schema = configSchema() as { properties: Record<string, unknown> & { overrides: { items: { properties: Record<string, unknown> } } } };
    assert.deepEqual(Object.keys(full).sort(), Object.keys(schema.properties).sort());
    assert.deepEqual(Object.keys(full.overrides[0]).sort(), Object.keys(schema.properties.overrides.items.properties).sort());
    const root = fresh({ 'kitchen-sync.config.json': json(full) });
    const { settings } = new ConfiguredSettings().forFile(path.join(root, 'scripts/seed.ts'));
    assert.deepEqual(settings, { ...defaultSettings(), ...layer });
  });

  const broken: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{ "rules": ', /kitchen-sync\.config\.json is not valid JSON: /],
    ['an unknown key', json({ rule: {} }), /kitchen-sync\.config\.json: unknown key "rule"; expected one of ignore, overrides, rules, /],
    ['an unknown rule', json({ rules: { 'no-such-rule': 'off' } }), /kitchen-sync\.config\.json: unknown rule "no-such-rule" in rules\.$/],
    ['an unknown severity', json({ rules: { 'lock-order': 'loud' } }), /rules\.lock-order is "loud"; use one of off, hint, info, warning, error\.$/],
    ['a wrong type', json({ experimental: 'yes' }), /experimental must be true or false\.$/],
    ['an override without files', json({ overrides: [{ experimental: true }] }), /overrides\[0\] needs "files", the globs it applies to\.$/],
    ['a key misspelt in an override', json({ overrides: [{ files: '**', lock: {} }] }), /unknown key "overrides\[0\]\.lock"/],
    ['a bad loop threshold', json({ blockingLoop: { minIterations: 0 } }), /blockingLoop\.minIterations must be a positive whole number\.$/],
  ];
  for (const [what, text, message] of broken) {
    it(`refuses ${what} with the file's name and the key`, () => {
      const root = fresh({ 'kitchen-sync.config.json': text });
      assert.throws(
        () => new ConfiguredSettings().forFile(path.join(root, 'a.ts')),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    });
  }

  it('names the package.json key when the configuration lives there', () => {
    const root = fresh({ 'package.json': json({ name: 'app', kitchenSync: { rules: { 'lock-order': 'loud' } } }) });
    assert.throws(
      () => new ConfiguredSettings().forFile(path.join(root, 'src/a.ts')),
      (error: unknown) => error instanceof ConfigError && error.message.startsWith(`${path.join(root, 'package.json')} ("kitchenSync"): rules.lock-order`),
    );
  });
});
