import { useTranslation } from 'react-i18next';
import type { CellInfo, CompartmentSummary } from '@fusion-cell/protocol';
import { useFormatters } from '../i18n/format.ts';
import { pickLocalized } from '../i18n/localized-text.ts';

/**
 * The compartments the member's party is in, each with its audience: who can ever see an
 * item placed there. Knowing the audience before writing is the point of compartments.
 */
export function CompartmentList({ compartments, cell }: { compartments: CompartmentSummary[]; cell: CellInfo }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = (id: string) => {
    const party = cell.parties.find((candidate) => candidate.id === id);
    return party ? pickLocalized(party.name, format.language).value : id;
  };
  return (
    <section className="compartments" aria-labelledby="compartments-heading">
      <h2 id="compartments-heading">{t('compartments.heading')}</h2>
      <p className="hint">{t('compartments.hint')}</p>
      <ul className="compartment-list" data-testid="compartment-list">
        {compartments.map((compartment) => (
          <li key={compartment.id} className={`compartment compartment-${compartment.kind}`} data-testid={`compartment-${compartment.id}`} data-kind={compartment.kind}>
            <span className="compartment-name">
              {compartment.owner === null
                ? t(`compartments.kinds.${compartment.kind}`)
                : t(`compartments.owned.${compartment.kind}`, { party: partyName(compartment.owner) })}
            </span>
            <span className="compartment-audience">
              {t('compartments.audience', { parties: format.list(compartment.parties.map(partyName)) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
