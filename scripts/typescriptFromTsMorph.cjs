// ts-morph ships its own TypeScript. Bundles resolve `typescript` (imported by
// ts-api-utils) to that same copy, so one compiler is loaded and its objects match.
module.exports = require('ts-morph').ts;
