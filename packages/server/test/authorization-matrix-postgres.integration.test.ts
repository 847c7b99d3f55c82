import { describe } from 'vitest';
import { ENGINES } from './support/engines.ts';
import { describeAuthorizationMatrix } from './support/authorization-matrix-suite.ts';

// PostgreSQL's matrix, in a file of its own so that it runs beside the embedded engine's.
const postgres = ENGINES.find((setup) => setup.engine === 'postgres');
if (postgres) describeAuthorizationMatrix(postgres);
else describe.skip('the authorization matrix on postgres (not available)', () => {});
