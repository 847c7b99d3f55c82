import { fileURLToPath } from 'node:url';

/** The demo scenario shipped with the project: the Paris mechanism of 2026. */
export const DEMO_SCENARIO_FILE = fileURLToPath(new URL('../../../scenarios/paris-2026.json', import.meta.url));
