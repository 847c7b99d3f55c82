import { Command } from 'commander';
import { SearchResults, type SearchHit, type SearchTextPart } from '@fusion-cell/protocol';
import { withHomeFlag } from '../client/client-home.ts';
import { openSession } from '../client/session.ts';
import { printTable } from '../output.ts';

interface SearchFlags {
  type?: string;
  track?: string;
  party?: string;
  tlp?: string;
  reliability?: string;
  credibility?: string;
  from?: string;
  to?: string;
  compartment?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
  home?: string;
}

const FILTERS = ['type', 'track', 'party', 'tlp', 'reliability', 'credibility', 'from', 'to', 'compartment', 'limit', 'cursor'] as const;

/** The longest text shown in a row; the whole is in --json. */
const SHOWN_TEXT = 100;

/** Text parts on one line, the words found in [brackets]. */
function line(parts: readonly SearchTextPart[]): string {
  const text = parts
    .map((part) => (part.match ? `[${part.text}]` : part.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > SHOWN_TEXT ? `${[...text].slice(0, SHOWN_TEXT - 1).join('')}…` : text;
}

function row(hit: SearchHit): Record<string, string> {
  const grade = hit.reliability !== undefined || hit.credibility !== undefined ? `${hit.reliability ?? ''}${hit.credibility ?? ''}` : '';
  return {
    received: hit.receivedAt,
    compartment: hit.compartment,
    type: hit.type,
    party: hit.party,
    tlp: hit.tlp ?? '',
    grade,
    text: line(hit.title.length ? hit.title : hit.excerpt),
    item: hit.item,
  };
}

/** `fusion-cell search`: full-text search over what the member's party may read, as the web app's search page. */
export function searchCommand(): Command {
  return withHomeFlag(new Command('search'))
    .description('search the items of your compartments: every word must be found; quote a "phrase" inside single quotes for the shell')
    .argument('[query...]', 'words and "phrases"; none lists the newest items the filters keep')
    .option('--type <types>', 'only these item types, comma-separated (intel.report,message)')
    .option('--track <tracks>', 'only these tracks')
    .option('--party <parties>', 'only items entered by these parties (@cell for the cell’s own)')
    .option('--tlp <markings>', 'only these TLP markings (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)')
    .option('--reliability <grades>', 'only these source reliability grades (A–F)')
    .option('--credibility <grades>', 'only these information credibility grades (1–6)')
    .option('--from <time>', 'only items received at or after this RFC 3339 time')
    .option('--to <time>', 'only items received before this RFC 3339 time')
    .option('--compartment <ids>', 'only these compartments')
    .option('--limit <n>', 'results per page (1–100, default 20)')
    .option('--cursor <cursor>', 'the next page, as the last one said')
    .option('--json', 'print the answer as the API gives it')
    .action(async (words: string[], flags: SearchFlags) => {
      const query = new URLSearchParams();
      if (words.length > 0) query.set('q', words.join(' '));
      for (const key of FILTERS) if (flags[key] !== undefined) query.set(key, flags[key]);
      const session = openSession(flags.home);
      const answer = await session.api.getJson(`/api/v1/search?${query}`, SearchResults);
      if (flags.json) {
        console.log(JSON.stringify(answer, null, 2));
        return;
      }
      printTable(answer.results.map(row), false);
      const count = `${answer.results.length} result${answer.results.length === 1 ? '' : 's'}`;
      const ranked = answer.ranked === 'newest' ? ' (many matched: the newest were ranked; narrow the search to rank them all)' : '';
      console.log(answer.nextCursor ? `${count}${ranked}; more with --cursor ${answer.nextCursor}` : `${count}${ranked}`);
    });
}
