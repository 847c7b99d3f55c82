import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartyName } from '../../components/use-names.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { ItemCard } from '../items/item-card.tsx';
import { CAUCUS_STAGES, caucusPlaces, type CaucusPlace } from './caucus.ts';
import { CaucusForm } from './caucus-form.tsx';
import type { DisputeRecord } from './dispute-record.ts';

/** One caucus: its messages, oldest first, and the next one, while the dispute's stage allows it. */
function Caucus({ record, place }: { record: DisputeRecord; place: CaucusPlace }) {
  const { t } = useTranslation();
  const headingId = useId();
  const partyName = usePartyName();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const messages = record.caucus.filter((item) => item.compartment === place.compartment);
  const own = session.party.id === place.side;
  return (
    <section className="dispute-caucus" aria-labelledby={headingId} data-testid={`dispute-caucus-section-${place.side}`} data-compartment={place.compartment} data-count={messages.length}>
      <h3 id={headingId}>
        {own ? t('disputes.caucus.headingSide') : t('disputes.caucus.headingSupervisor', { side: partyName(place.side) })}
      </h3>
      <p className="hint">{own ? t('disputes.caucus.privateSide') : t('disputes.caucus.privateSupervisor', { side: partyName(place.side) })}</p>
      {messages.length === 0 ? (
        <p className="hint">{t('disputes.caucus.none')}</p>
      ) : (
        <ol className="dispute-cards">
          {messages.map((item) => (
            <li key={item.id}>
              <ItemCard item={item} author={item.signed ? snapshot.members.get(item.signed.envelope.author) : undefined} />
            </li>
          ))}
        </ol>
      )}
      {CAUCUS_STAGES.includes(record.state) ? <CaucusForm record={record} place={place} hint={false} /> : <p className="hint">{t('disputes.caucus.notNow')}</p>}
    </section>
  );
}

/**
 * The private caucuses the reader takes part in on this dispute: a supervisor's with each side,
 * a side's own with the supervisor. A reader in none sees nothing here, not even a heading.
 */
export function CaucusSection({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { session, cell } = useAuthenticated();
  const places = caucusPlaces(record, { party: session.party.id, partyKind: session.party.kind }, session.compartments, (party) => cell.parties.find((candidate) => candidate.id === party)?.kind);
  if (places.length === 0) return null;
  return (
    <section className="dispute-section dispute-caucuses" aria-labelledby={headingId} data-testid="dispute-caucuses">
      <h2 id={headingId}>{t('disputes.caucus.heading')}</h2>
      {places.map((place) => (
        <Caucus key={place.compartment} record={record} place={place} />
      ))}
    </section>
  );
}
