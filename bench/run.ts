// npm run bench: every figure of the project, each against a baseline measured in the same
// run, printed as a table and written to bench/out/results.json.
import { measureAppends } from './record/appends.ts';
import { measureProofTime } from './record/proof-time.ts';
import { measureVerifyRate } from './record/verify-rate.ts';
import { printTable, writeResults, type Figure } from './results.ts';
import { measureStreamLatency } from './stream/latency.ts';
import { measureStreamResume } from './stream/resume.ts';

// Latency runs first, in a fresh process: the bundle and tree suites leave hundreds of
// megabytes for the garbage collector, whose pauses would land in the latency tail.
const suites: Array<[string, () => Promise<Figure[]>]> = [
  ['stream latency', measureStreamLatency],
  ['stream resume', measureStreamResume],
  ['signed appends', measureAppends],
  ['bundle verification', measureVerifyRate],
  ['inclusion proofs', measureProofTime],
];

const only = process.argv[2];
const figures: Figure[] = [];
for (const [name, measure] of suites) {
  if (only && !name.includes(only)) continue;
  console.error(`measuring ${name}…`);
  figures.push(...(await measure()));
}
printTable(figures);
writeResults(figures);
console.log('\nwritten to bench/out/results.json');
if (figures.some((entry) => !entry.pass)) process.exitCode = 1;
