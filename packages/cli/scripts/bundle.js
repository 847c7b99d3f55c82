// Builds the command line and the server it runs into packages/cli/dist: plain JavaScript that
// Node.js runs without compiling TypeScript on load. `npm start` runs the result; the tests
// and `bin/fusion-cell.js` run the sources.
//
// Why a bundle for running: compiling on load keeps a loader thread with a V8 heap of its own
// and the compiled sources in memory for the life of the process (about 30 MiB of a server's
// memory), and costs a second at every start.
//
// Our workspace packages are bundled; every other package stays an import of node_modules
// (native addons, fonts and data files are found there as before). Each command and each
// module loaded on demand stays a chunk of its own, loaded when it is asked for. The chunks lie
// directly in dist/, as deep in the tree as the sources in src/, so paths the sources resolve
// from their own location (the web build, the demo scenario) lead to the same files.
import { build } from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${cli}dist`;

/** Packages of node_modules stay imports; ours (`@fusion-cell/*`) and relative paths are bundled. */
const nodeModulesStayExternal = {
  name: 'node-modules-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@fusion-cell/') ? undefined : { path: args.path, external: true }));
  },
};

const started = performance.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'fusion-cell': `${cli}src/main.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: '[name]-[hash]',
  plugins: [nodeModulesStayExternal],
  logLevel: 'warning',
});
console.log(`command line built into ${outdir} in ${Math.round(performance.now() - started)} ms`);
