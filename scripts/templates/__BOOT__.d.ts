// For the JavaScript check only: embed.js imports the bundled entry under its
// hashed name, which post-build.mjs fills in for __BOOT__.
export * from './entry.js';
