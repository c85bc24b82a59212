// Writes the per-rule settings of the extension manifest from the rule registry: one
// `kitchenSync.rules.<rule-id>` property per rule, defaulting to the rule's own severity,
// described (in package.nls.json) by the rule's one-line description. Run it after adding
// a rule: `npm run sync-manifest`; it also writes the configuration file's JSON Schema.
// test/server/manifest.test.ts fails until the manifest and the schema match the registry. A Japanese description cannot be generated; the script names the
// ones package.nls.ja.json still lacks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleInfos, configSchema, docsUrl, type RuleInfo } from '../src/core';

const root = path.join(__dirname, '..');
const RULE_PREFIX = 'kitchenSync.rules.';
/** Rule settings go right after this property, in registry order. */
const RULES_AFTER = 'kitchenSync.experimental';
const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(path.join(root, file), `${JSON.stringify(value, null, 2)}\n`);
}

function descriptionKey(ruleId: string): string {
  return `${RULE_PREFIX}${ruleId}.description`;
}

function ruleProperty(rule: RuleInfo): Record<string, unknown> {
  return {
    type: 'string',
    enum: SEVERITIES,
    enumDescriptions: SEVERITIES.map((severity) => `%kitchenSync.severity.${severity}%`),
    default: rule.meta.defaultSeverity,
    scope: 'resource',
    markdownDescription: `%${descriptionKey(rule.meta.id)}%`,
  };
}

function englishDescription(rule: RuleInfo): string {
  const experimental = rule.meta.experimental ? ' Experimental: runs only with `#kitchenSync.experimental#`.' : '';
  return `${rule.meta.description}${experimental} [Documentation](${docsUrl(rule.meta.id)})`;
}

const manifest = readJson('package.json');
const configuration = (manifest.contributes as { configuration: { properties: Record<string, unknown> } }).configuration;
const properties: Record<string, unknown> = {};
for (const [key, value] of Object.entries(configuration.properties)) {
  if (key.startsWith(RULE_PREFIX)) continue;
  properties[key] = value;
  if (key === RULES_AFTER) {
    for (const rule of allRuleInfos) properties[`${RULE_PREFIX}${rule.meta.id}`] = ruleProperty(rule);
  }
}
configuration.properties = properties;
writeJson('package.json', manifest);

const english = readJson('package.nls.json');
for (const key of Object.keys(english)) if (key.startsWith(RULE_PREFIX)) delete english[key];
for (const rule of allRuleInfos) english[descriptionKey(rule.meta.id)] = englishDescription(rule);
writeJson('package.nls.json', english);

const japanese = readJson('package.nls.ja.json');
const ruleKeys = new Set(allRuleInfos.map((rule) => descriptionKey(rule.meta.id)));
for (const key of Object.keys(japanese)) if (key.startsWith(RULE_PREFIX) && !ruleKeys.has(key)) delete japanese[key];
writeJson('package.nls.ja.json', japanese);

// The configuration file's schema lists the rules too.
writeJson('schemas/kitchen-sync.config.schema.json', configSchema());

const untranslated = [...ruleKeys].filter((key) => !(key in japanese));
console.log(`Manifest lists ${allRuleInfos.length} rules.`);
if (untranslated.length > 0) {
  console.log(`package.nls.ja.json needs a Japanese description for:\n${untranslated.map((key) => `  ${key}`).join('\n')}`);
  process.exitCode = 1;
}
