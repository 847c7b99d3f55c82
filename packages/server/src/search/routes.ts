import { SearchQuery, SearchResults } from '@fusion-cell/protocol';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { searchItems } from './search-service.ts';

export function searchRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/search',
    {
      onRequest: requireActor,
      schema: {
        tags: ['search'],
        summary: 'Full-text search over the items of the compartments the caller reads',
        description:
          'Every word must be found, in any of its forms: case, accents, Arabic harakat, tatweel and letter variants (أ إ آ ا, ة ه, ى ي), Hebrew niqqud, and the prefixes Arabic and Hebrew write on words (ال و ب ل ف ك; ה ו ב ל מ ש כ) do not matter. A "phrase" in double quotes must be found as written, word after word. Nothing else in `q` has a meaning. Results are ranked, titles weighing more, among the newest matches (see `ranked`); without words, the items the filters keep, newest first. Titles and excerpts are text, with the words found marked; never markup. A `compartment` the caller does not read is answered exactly as one that does not exist.',
        querystring: SearchQuery,
        response: { 200: SearchResults, ...errorResponses },
      },
    },
    (request) => searchItems(services, actorOf(request), request.query),
  );
}
