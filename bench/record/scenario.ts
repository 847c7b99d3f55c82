import { fileURLToPath } from 'node:url';

export const demoScenarioFile = fileURLToPath(new URL('../../scenarios/paris-2026.json', import.meta.url));
