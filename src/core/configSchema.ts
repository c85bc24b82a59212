// The JSON Schema of the configuration file, built from the rule registry so that the
// editor completes every rule id and no other. `npm run sync-manifest` writes it to
// schemas/kitchen-sync.config.schema.json, which the extension registers for completion;
// configFile.ts reads the same shape, strictly.
import { allRuleInfos } from './rules';

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];
const methodList = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });

/** What a configuration file and each of its overrides may set. */
function layerProperties(): Record<string, unknown> {
  return {
    rules: {
      type: 'object',
      description: 'Severity per rule: off, hint, info, warning or error. Rules left out run at their default severity.',
      properties: Object.fromEntries(
        allRuleInfos.map((rule) => [rule.meta.id, { enum: SEVERITIES, default: rule.meta.defaultSeverity, description: rule.meta.description }]),
      ),
      additionalProperties: false,
    },
    experimental: { type: 'boolean', default: false, description: 'Also run the experimental rules, and report the findings that rules are less sure of.' },
    awaitRulesInTests: {
      type: 'boolean',
      default: false,
      description: 'Also run sequential-await and await-in-loop in test files, which repeat calls in order on purpose.',
    },
    blockingLoop: {
      type: 'object',
      properties: {
        minIterations: { type: 'integer', minimum: 1, default: 100000, description: 'A loop with a constant bound at least this large is heavy.' },
      },
      additionalProperties: false,
    },
    blockingCall: {
      type: 'object',
      properties: { extraFunctions: methodList('More functions that block the event loop: `module#function`, or a call as written (`db.querySync`).') },
      additionalProperties: false,
    },
    locks: {
      type: 'object',
      properties: {
        acquireMethods: methodList('Methods that acquire a lock and return its release: `method`, or `module#method`.'),
        releaseMethods: methodList('Methods that release a lock: `method`, or `module#method`.'),
        runExclusiveMethods: methodList('Methods that run a callback while holding a lock, like `runExclusive`: `method`, or `module#method`.'),
      },
      additionalProperties: false,
    },
  };
}

const globs = (description: string) => ({
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 } },
  ],
  description,
});

export function configSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kitchen Sync configuration',
    description: 'Settings the CLI and the editor both read, from the nearest kitchen-sync.config.json (or package.json "kitchenSync" key) above each file.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      ...layerProperties(),
      ignore: globs("Files never analysed nor fixed (generated code, vendored copies): globs relative to this file's folder, `**` for any depth."),
      overrides: {
        type: 'array',
        description: 'Settings for some files, applied in order over the ones above.',
        items: {
          type: 'object',
          properties: { files: globs("The files this override applies to: globs relative to this file's folder."), ...layerProperties() },
          required: ['files'],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  };
}
