// For the JavaScript check only (tsconfig.json maps 'pkijs' here): `make test`
// does not install the benchmark's packages, so pkijs-entry.mjs is checked
// against the part of PKI.js it uses, whether or not bench/node_modules exists.
export const PFX: any;
