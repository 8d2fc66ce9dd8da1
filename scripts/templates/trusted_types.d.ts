// For the JavaScript check only: post-build.mjs copies src/trusted_types.js
// beside entry.js.
export * from '../../src/trusted_types.js';
