import fs from 'node:fs/promises';
import { findUnsafeText, formatFieldPath, Scenario } from '@fusion-cell/protocol';

/** A scenario file that cannot be used, with every problem and the path of its field. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Array<{ path: string; message: string }>,
  ) {
    super(`${file}: ${problems.map((problem) => `${problem.path || '(file)'}: ${problem.message}`).join('; ')}`);
    this.name = 'ScenarioError';
  }
}

/** Reads and validates a scenario file. */
export async function readScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [{ path: '', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return parseScenario(text, file);
}

export function parseScenario(text: string, file = 'scenario'): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text, refuseProtoKeys);
  } catch (error) {
    throw new ScenarioError(file, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  const unsafe = findUnsafeText(json);
  if (unsafe) throw new ScenarioError(file, [{ path: formatFieldPath(unsafe.path), message: unsafe.problem }]);
  const result = Scenario.safeParse(json);
  if (result.success) return result.data;
  throw new ScenarioError(
    file,
    result.error.issues.map((issue) => ({ path: formatFieldPath(issue.path), message: issue.message })),
  );
}

/**
 * A "__proto__" key is no field of a scenario, and a record of rules would drop it without a
 * word: refused like any other text that is not a scenario.
 */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('"__proto__" is not a field of any scenario');
  return value;
}
