import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { useItemGraph } from '../items/item-graph.ts';
import { mayCreate } from '../items/permissions.ts';
import { useTypeName } from '../items/type-names.ts';
import { ReadbackPanel } from './readback-panel.tsx';
import { readbacksAwaiting } from './readback-state.ts';

/**
 * On the author's watch: read-backs of the party's own items that it has neither confirmed nor
 * queried, each beside the text it reads back, answered here in one click. Each stays until the
 * party says whether it was understood; the record verified here says when it has.
 */
export function ReadbacksToConfirm() {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const partyName = usePartyName();
  const typeName = useTypeName();
  const format = useFormatters();
  const awaiting = useMemo(() => readbacksAwaiting(graph, snapshot.members, session.party.id), [graph, snapshot.members, session.party.id]);
  // Only those who answer for the party are asked; the rest of the watch stays theirs.
  if (awaiting.length === 0 || !mayCreate('readback.confirm', { roles: session.member.roles, partyKind: session.party.kind })) return null;
  return (
    <section className="watch-section readbacks-to-confirm" aria-labelledby="readbacks-heading" data-testid="readbacks-to-confirm" data-count={awaiting.length}>
      <h2 id="readbacks-heading">
        {t('understanding.readback.watch.heading')}
        <span className="count-badge" data-testid="readbacks-count">
          {format.number(awaiting.length)}
        </span>
      </h2>
      <p className="hint">{t('understanding.readback.watch.hint')}</p>
      <ol className="readbacks-list">
        {awaiting.map((readback) => {
          const envelope = readback.ack.signed?.envelope;
          return (
            <li key={readback.ack.id} className="readbacks-item" data-testid={`readback-${readback.ack.id}`} data-subject={readback.subject.id} data-party={readback.reader}>
              <p className="readbacks-item-head">
                <span className="tag tag-type">{typeName(readback.subject.signed?.envelope.type ?? '')}</span>
                <span>{t('understanding.readback.watch.readBackBy', { party: readback.reader ? partyName(readback.reader) : '?' })}</span>
                {envelope && <time dateTime={envelope.authoredAt}>{format.dateTime(envelope.authoredAt)}</time>}
              </p>
              <ReadbackPanel readback={readback} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
