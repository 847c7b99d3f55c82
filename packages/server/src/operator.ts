/**
 * What the operator's commands use (init, member, device, rebuild), without the HTTP server:
 * a command that only opens the database does not load Fastify, the stream or the PDF layout.
 */
export { openOperatorConsole, type OperatorConsole } from './operator-console.ts';
export { readScenarioFile, ScenarioError } from './cell/scenario-file.ts';
export { writeLoginsFile } from './cell/logins-file.ts';
