import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Track } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { ItemCard } from '../items/item-card.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { itemInThread } from '../tracks/track-views.ts';
import type { DisputeRecord } from './dispute-record.ts';

/** The items the dispute is about, each as it reads in its thread, with a link there. */
export function DisputedItems({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const headingId = useId();
  const graph = useItemGraph();
  const format = useFormatters();
  const { snapshot } = useRecordSync();
  return (
    <section className="dispute-section dispute-items" aria-labelledby={headingId} data-testid="dispute-items-section" data-count={record.disputed.length}>
      <h2 id={headingId}>{t('disputes.page.items', { number: format.number(record.disputed.length) })}</h2>
      <ul className="dispute-cards">
        {record.disputed.map((id) => {
          const item = graph.byId.get(id);
          const track = Track.safeParse(item?.signed?.envelope.track);
          return (
            <li key={id} data-testid="dispute-item" data-item={id}>
              {item ? <ItemCard item={item} author={item.signed ? snapshot.members.get(item.signed.envelope.author) : undefined} actions={false} /> : <p className="hint">{t('disputes.page.itemNotHere')}</p>}
              {item && track.success && (
                <Link className="dispute-item-thread" to={{ pathname: `/tracks/${track.data}`, ...itemInThread(item.compartment, id) }} data-testid="dispute-item-thread">
                  {t('disputes.page.inThread')}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
