import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TLP_COLOURS, tlpLabel, type IntelReleaseNotePayload, type IntelReleasePayload, type Tlp } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { useCompartmentName } from '../../components/use-names.ts';
import { FreeText } from '../items/free-text.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { itemInThread } from '../tracks/track-views.ts';
import { useCommitmentCheck, useReleaseTies, type CommitmentCheck } from './release-links.ts';
import './release.css';

/** The marking, first and in TLP 2.0's own colours, as the standard writes it. */
export function ReleaseMarking({ tlp, testId = 'release-tlp' }: { tlp: Tlp; testId?: string }) {
  const colours = TLP_COLOURS[tlp];
  return (
    <span className="release-tlp" data-testid={testId} data-tlp={tlp} style={{ color: colours.text, backgroundColor: colours.background }}>
      {tlpLabel(tlp)}
    </span>
  );
}

/** The start of a hash, in Latin letters and left to right whatever the page's direction. */
export function Hash({ value }: { value: string }) {
  return (
    <bdi>
      <code className="release-hash" dir="ltr">{`${value.slice(0, 12)}…`}</code>
    </bdi>
  );
}

/** Where an item is read: its track's thread, in its compartment, scrolled to it. */
export function itemLink(track: string, compartment: string, item: string) {
  return { pathname: `/tracks/${track}`, ...itemInThread(compartment, item) };
}

/** The check of a commitment made here, in words. */
function CheckResult({ check, testId }: { check: CommitmentCheck; testId: string }) {
  const { t } = useTranslation();
  return (
    <span className={`release-check release-check-${check}`} data-testid={testId} data-check={check}>
      {t(`release.check.${check}`)}
    </span>
  );
}

/**
 * A release as everyone in its compartment reads it: marking first, its title and extract, and
 * its commitment, which says nothing of the original. Readers of the original also see where it
 * came from, with the tie checked here.
 */
export function ReleaseContent({ payload }: { payload: IntelReleasePayload }) {
  const { t } = useTranslation();
  const { byCommitment } = useReleaseTies();
  const tie = byCommitment.get(payload.original);
  return (
    <div className="release-content" data-testid="release-content">
      <p className="release-marking-row">
        <ReleaseMarking tlp={payload.tlp} />
        <span className="tag">{t('release.tearLine')}</span>
      </p>
      <h3 className="item-title" data-testid="release-title" lang={payload.language} dir="auto">
        {payload.title}
      </h3>
      <FreeText text={payload.extract} language={payload.language} testId="release-extract" className="item-free-text" />
      <p className="thread-item-tags">
        <span className="tag">{t('thread.writtenIn', { language: t(`language.names.${payload.language}`) })}</span>
        <span className="tag" title={t('release.commitmentHint')} data-testid="release-commitment">
          {t('release.commitment')} <Hash value={payload.original} />
        </span>
      </p>
      {tie && <ReleasedFrom original={tie.original} nonce={tie.nonce} commitment={payload.original} />}
    </div>
  );
}

/** For readers of the original only: the item this extract was released from. */
function ReleasedFrom({ original, nonce, commitment }: { original: string; nonce: string; commitment: string }) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const compartmentName = useCompartmentName();
  const check = useCommitmentCheck(commitment, nonce, original);
  const item = graph.byId.get(original);
  const envelope = item?.signed?.envelope;
  return (
    <p className="release-tie" data-testid="release-from">
      <span>{t('release.releasedFrom')}</span>{' '}
      {item && envelope ? (
        <Link to={itemLink(envelope.track, item.compartment, item.id)} data-testid="release-from-link">
          {t('release.originalIn', { compartment: compartmentName(item.compartment) })}
        </Link>
      ) : (
        <Hash value={original} />
      )}{' '}
      <CheckResult check={check} testId="release-from-check" />
    </p>
  );
}

/**
 * The cell's note under an original, in the original's compartment: "released as …", with a link
 * to the release and the commitment checked here with the note's nonce.
 */
export function ReleaseNoteContent({ payload, envelope }: { payload: IntelReleaseNotePayload; envelope: Envelope }) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const compartmentName = useCompartmentName();
  const original = envelope.references[0] ?? '';
  const release = graph.byId.get(payload.release);
  const released = release?.signed?.envelope;
  const commitment = released?.payload['original'];
  const check = useCommitmentCheck(typeof commitment === 'string' ? commitment : undefined, payload.nonce, original);
  const title = released?.payload['title'];
  return (
    <div className="release-note" data-testid="release-note" data-release={payload.release}>
      <p className="release-tie">
        <span>{t('release.releasedAs')}</span>{' '}
        {release && released ? (
          <Link to={itemLink(released.track, release.compartment, release.id)} data-testid="release-note-link">
            {t('release.releaseIn', { title: typeof title === 'string' ? title : '', compartment: compartmentName(release.compartment) })}
          </Link>
        ) : (
          <Hash value={payload.release} />
        )}
      </p>
      <p className="release-tie">
        <span>{t('release.commitmentChecked')}</span> <CheckResult check={check} testId="release-note-check" />
      </p>
    </div>
  );
}
