import { useTranslation } from 'react-i18next';
import { SIGNING_ACTS } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import type { MemberView, SyncedItem } from '../../sync/sync-types.ts';
import { useDocument } from './document-state.ts';

/**
 * Where a version of a co-signed document stands, computed here from the verified record:
 * which version it is, whether it is in force, and each signing party's initials and
 * signature on it, so a head of delegation sees at once what is awaited, and from whom.
 */
export function DocumentStatusPanel({ item, members }: { item: SyncedItem; members: ReadonlyMap<string, MemberView> }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const document = useDocument(item.id, members);
  const version = document?.status.versions.find((candidate) => candidate.id === item.id);
  if (!document || !version) return null;
  const acts = SIGNING_ACTS.filter((act) => document.declaration.acts.includes(act));
  return (
    <div className="ack-status document-status" data-testid="document-status" data-state={version.state} data-version={version.number} data-in-force={document.status.inForce?.id ?? ''}>
      <p className="ack-status-title">
        {t('documents.version', { number: version.number, count: document.status.versions.length })}
        {' · '}
        <span className={`document-state document-state-${version.state}`} data-testid="document-state">
          {t(`documents.states.${version.state}`)}
        </span>
        {version.state !== 'in-force' && document.status.inForce && (
          <span data-testid="document-in-force"> · {t('documents.inForceIs', { number: document.status.inForce.number })}</span>
        )}
      </p>
      <ul className="ack-status-list">
        {version.signers.map((party) => (
          <li key={party} data-party={party} data-acts={acts.filter((act) => version.done[act].includes(party)).join(' ')}>
            <span className="ack-status-party">{partyName(party)}</span>
            {acts.map((act) =>
              version.done[act].includes(party) ? (
                <span key={act} className="ack-level ack-level-accepted">
                  {t(`documents.done.${act}`)}
                </span>
              ) : version.nextAct === act && version.awaiting.includes(party) ? (
                <span key={act} className="ack-level ack-level-awaited">
                  {t(`documents.awaiting.${act}`)}
                </span>
              ) : null,
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
