import { z } from 'zod';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { meetingCalendar } from './meeting-calendar.ts';

/** Meetings a member may see, as a calendar (`.ics`). */
export function meetingRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/meetings.ics',
    {
      onRequest: requireActor,
      schema: {
        tags: ['diplomatic'],
        summary: 'The meetings the caller may see, as an iCalendar file',
        description:
          'Every `meeting` of the compartments the caller reads (never one of a compartment it is not in), one `VEVENT` each: `UID` the item id, start and end in UTC, `LOCATION` the venue, `DESCRIPTION` the agenda, `STATUS` TENTATIVE while proposed, CONFIRMED once convened, CANCELLED once cancelled (a higher `SEQUENCE` each time).',
        response: { 200: z.string().describe('an iCalendar (RFC 5545) file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const calendar = await meetingCalendar(services, actorOf(request));
      return reply.header('content-disposition', 'attachment; filename="fusion-cell-meetings.ics"').type('text/calendar; charset=utf-8').send(calendar);
    },
  );
}
