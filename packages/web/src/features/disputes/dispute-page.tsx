import { useEffect, useId, useRef } from 'react';
import { RTL_LANGUAGES } from '@fusion-cell/protocol';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { ItemCard } from '../items/item-card.tsx';
import { CaucusSection } from './caucus-section.tsx';
import { deadlineOf } from './dispute-deadline.ts';
import { DisputeNow } from './dispute-now.tsx';
import type { DisputeRecord } from './dispute-record.ts';
import { DisputeStepper } from './dispute-stepper.tsx';
import { DisputeTimeline } from './dispute-timeline.tsx';
import { ShownDispute } from './dispute-links.ts';
import { DisputedItems } from './disputed-items.tsx';
import { ResolutionSection } from './resolution-section.tsx';
import { useDeadlineReading, useDispute } from './use-disputes.ts';
import './disputes.css';

/**
 * The page's one heading is the dispute's subject, in the language and direction it was written
 * in whatever the reader's (the page's heading otherwise reads in the interface's); it takes the
 * focus as every page's heading does.
 */
function SubjectHeading({ record }: { record: DisputeRecord }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { subject, language } = record.payload;
  useDocumentTitle(subject);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="page-heading">
      <h1 ref={heading} tabIndex={-1} data-testid="page-title">
        <bdi lang={language} dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}>
          {subject}
        </bdi>
      </h1>
      <DisputeFacts record={record} />
    </header>
  );
}

/** Who raised it against whom, in which track, since when. */
function DisputeFacts({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  return (
    <dl className="dispute-facts" data-testid="dispute-facts" data-raiser={record.raiser ?? ''} data-respondents={record.respondents.join(' ')}>
      <div>
        <dt>{t('disputes.page.raisedBy')}</dt>
        <dd>{partyName(record.raiser ?? '')}</dd>
      </div>
      <div>
        <dt>{t('fields.respondents')}</dt>
        <dd>{format.list(record.respondents.map(partyName))}</dd>
      </div>
      <div>
        <dt>{t('disputes.page.track')}</dt>
        <dd>{t(`tracks.${record.track}.name`)}</dd>
      </div>
      <div>
        <dt>{t('disputes.page.opened')}</dt>
        <dd>
          <time dateTime={record.item.receivedAt}>{format.dateTime(record.item.receivedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}

/** The dispute itself as it reads in its thread: the raiser's position, verified here, and where each respondent stands. */
function TheDispute({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { snapshot } = useRecordSync();
  const author = record.item.signed ? snapshot.members.get(record.item.signed.envelope.author) : undefined;
  return (
    <section className="dispute-section" aria-labelledby={headingId} data-testid="dispute-statement-section">
      <h2 id={headingId}>{t('disputes.page.statement')}</h2>
      <ItemCard item={record.item} author={author} actions={false} />
    </section>
  );
}

function DisputeView({ record }: { record: DisputeRecord }) {
  const reading = useDeadlineReading();
  const deadline = deadlineOf(record, reading);
  return (
    <ShownDispute.Provider value={record.id}>
      <DisputeStepper record={record} deadline={deadline} />
      <div className="dispute-layout">
        <div className="dispute-main">
          <DisputeNow record={record} />
          <TheDispute record={record} />
          <DisputedItems record={record} />
          <CaucusSection record={record} />
          <ResolutionSection record={record} />
        </div>
        <DisputeTimeline record={record} />
      </div>
    </ShownDispute.Provider>
  );
}

/**
 * One dispute: who raised it against whom and about what, where it stands (its stage, the
 * deadline and who owes it), what the reader's party may do now, the disputed items, the
 * reader's own caucus, the resolution and its signatures, and the history as a timeline.
 */
export function DisputePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { snapshot } = useRecordSync();
  const record = useDispute(id);
  if (!record) {
    return (
      <div className="page dispute-page" data-testid="page-dispute" data-dispute={id}>
        <PageHeading title={t('disputes.page.title')} />
        {snapshot.phase === 'starting' ? (
          <p className="hint" role="status">
            {t('app.loading')}
          </p>
        ) : (
          <EmptyState title={t('disputes.page.notFound')}>
            <p>{t('disputes.page.notFoundHint')}</p>
          </EmptyState>
        )}
        <Link to="/disputes" data-testid="dispute-back">
          {t('disputes.page.back')}
        </Link>
      </div>
    );
  }
  return (
    <div className="page dispute-page" data-testid="page-dispute" data-dispute={record.id} data-state={record.state}>
      <Link to="/disputes" className="dispute-back" data-testid="dispute-back">
        {t('disputes.page.back')}
      </Link>
      <SubjectHeading record={record} />
      <DisputeView record={record} />
    </div>
  );
}
