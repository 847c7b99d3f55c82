export { startServer, type ServerHandle, type StartOptions } from './start-server.ts';
export { writeLoginsFile } from './cell/logins-file.ts';
export { resolveConfig, CONFIG_ENVIRONMENT, type ServerConfig } from './config.ts';
export { openOperatorConsole, type OperatorConsole } from './operator-console.ts';
export { readScenarioFile, parseScenario, ScenarioError } from './cell/scenario-file.ts';
export { argon2Hasher, DEFAULT_ARGON2_COST, type PasswordHasher } from './auth/password-hasher.ts';
export { ManualClock, systemClock, type Clock } from './clock.ts';
export type { DemoLogin } from './cell/initialize-cell.ts';
export type { RebuildReport, RebuildDifference } from './record/rebuild.ts';
