import { program } from './program.ts';
import { loadOperator } from './server-module.ts';

try {
  await (await program()).parseAsync(process.argv);
} catch (error) {
  // Only the server's commands throw it, so the server module is loaded by then.
  const { ScenarioError } = error instanceof Error && error.name === 'ScenarioError' ? await loadOperator() : { ScenarioError: undefined };
  if (ScenarioError && error instanceof ScenarioError) {
    console.error(`The scenario ${error.file} cannot be used:`);
    for (const problem of error.problems) console.error(`  ${problem.path || '(file)'}: ${problem.message}`);
  } else {
    console.error(`fusion-cell: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
