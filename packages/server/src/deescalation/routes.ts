import { RegisterQuery, RegisterView } from '@fusion-cell/protocol';
import { z } from 'zod';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { readRegister, registerAsCsv, registerView } from './register.ts';

export function deescalationRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/deescalation/register',
    {
      onRequest: requireActor,
      schema: {
        tags: ['de-escalation'],
        summary: 'The violation register: one entry per incident alleging a violation, with each party’s status',
        description:
          'Entries of the compartments the caller reads, each with the reporting party’s `alleged`, each side’s position and the supervisor’s verdict, and one overall status; counts by month, party alleged responsible and status. `format=csv` gives the entries as CSV, one column per party.',
        querystring: RegisterQuery,
        response: { 200: z.union([RegisterView, z.string().describe('text/csv')]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const register = await readRegister(services, actorOf(request), request.query);
      if (request.query.format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="violation-register.csv"').send(registerAsCsv(register));
      }
      return registerView(register);
    },
  );
}
