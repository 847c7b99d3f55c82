import { ScenarioError } from '@fusion-cell/server';
import { program } from './program.ts';

try {
  await program().parseAsync(process.argv);
} catch (error) {
  if (error instanceof ScenarioError) {
    console.error(`The scenario ${error.file} cannot be used:`);
    for (const problem of error.problems) console.error(`  ${problem.path || '(file)'}: ${problem.message}`);
  } else {
    console.error(`fusion-cell: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
