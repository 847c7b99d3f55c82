import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompartmentKind } from '@fusion-cell/protocol';
import { useAuthenticated } from '../features/auth/session-context.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** A party's name in the reader's language, or its id when the cell does not list it. */
export function usePartyName(): (partyId: string) => string {
  const { cell } = useAuthenticated();
  const language = useLanguage();
  return useCallback(
    (partyId: string) => {
      const party = cell.parties.find((candidate) => candidate.id === partyId);
      return party ? pickLocalized(party.name, language).value : partyId;
    },
    [cell, language],
  );
}

/** A compartment's name: "Plenary", "Caucus — Syria", "Internal — Israel". */
export function useCompartmentName(): (compartment: { id: string; kind: CompartmentKind; owner: string | null } | string) => string {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const partyName = usePartyName();
  return useCallback(
    (compartment) => {
      const found = typeof compartment === 'string' ? session.compartments.find((candidate) => candidate.id === compartment) : compartment;
      if (!found) return typeof compartment === 'string' ? compartment : compartment.id;
      return found.owner === null ? t(`compartments.kinds.${found.kind}`) : t(`compartments.owned.${found.kind}`, { party: partyName(found.owner) });
    },
    [t, session, partyName],
  );
}
