import * as assert from 'node:assert/strict';
import { defaultSettings } from '../../src/core';
import { toServerSettings } from '../../src/server/serverSettings';

describe('server settings', () => {
  it('gives the analyzer defaults for a missing section', () => {
    assert.deepEqual(toServerSettings(undefined), { enable: true, analyzer: defaultSettings() });
    assert.deepEqual(toServerSettings(null), toServerSettings({}));
  });

  it('reads the section as VS Code nests dotted keys', () => {
    const settings = toServerSettings({
      enable: false,
      experimental: true,
      rules: { 'sequential-await': 'error', 'await-in-loop': 'off' },
      blockingLoop: { minIterations: 5_000 },
      blockingCall: { extraFunctions: ['better-sqlite3#Database.prepare', 'deasync'] },
      locks: { acquireMethods: ['lock'], releaseMethods: ['unlock'], runExclusiveMethods: ['withLock'] },
      fileTimeBudgetMs: 500,
      awaitRulesInTests: true,
    });
    assert.deepEqual(settings, {
      enable: false,
      analyzer: {
        rules: { 'sequential-await': 'error', 'await-in-loop': 'off' },
        experimental: true,
        blockingLoop: { minIterations: 5_000 },
        blockingCall: { extraFunctions: ['better-sqlite3#Database.prepare', 'deasync'] },
        locks: { acquireMethods: ['lock'], releaseMethods: ['unlock'], runExclusiveMethods: ['withLock'] },
        fileTimeBudgetMs: 500,
        awaitRulesInTests: true,
      },
    });
  });

  it('drops values of the wrong type or out of range instead of passing them to rules', () => {
    const settings = toServerSettings({
      enable: 'yes',
      experimental: 1,
      rules: { 'sequential-await': 'loud', 'await-in-loop': 'hint' },
      blockingLoop: { minIterations: -3 },
      blockingCall: { extraFunctions: 'deasync' },
      locks: { acquireMethods: ['lock', 7, ''] },
      fileTimeBudgetMs: Number.NaN,
      awaitRulesInTests: 'yes',
    });
    const defaults = defaultSettings();
    assert.equal(settings.enable, true);
    assert.deepEqual(settings.analyzer, { ...defaults, rules: { 'await-in-loop': 'hint' }, locks: { ...defaults.locks, acquireMethods: ['lock'] } });
  });

  it('accepts a zero time budget (every file is over it)', () => {
    assert.equal(toServerSettings({ fileTimeBudgetMs: 0 }).analyzer.fileTimeBudgetMs, 0);
  });
});
