import { ENGINES } from './support/engines.ts';
import { describeAuthorizationMatrix } from './support/authorization-matrix-suite.ts';

// The embedded engine's matrix; PostgreSQL's runs beside it (authorization-matrix-postgres).
describeAuthorizationMatrix(ENGINES[0]!);
