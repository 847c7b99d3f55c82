import { useTranslation } from 'react-i18next';
import type { CompartmentSummary, Track } from '@fusion-cell/protocol';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { FormField } from './form-field.tsx';

/** Picks the compartment, saying who will see the item there. */
export function CompartmentSelect({ compartments, value, onChange, testId }: { compartments: readonly CompartmentSummary[]; value: string; onChange: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  const compartmentName = useCompartmentName();
  const partyName = usePartyName();
  const format = useFormatters();
  const selected = compartments.find((compartment) => compartment.id === value);
  return (
    <FormField label={t('fields.compartment')}>
      {(id) => (
        <>
          <select id={id} data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={`${id}-audience`}>
            {compartments.map((compartment) => (
              <option key={compartment.id} value={compartment.id}>
                {compartmentName(compartment)}
              </option>
            ))}
          </select>
          {selected && (
            <p className="hint" id={`${id}-audience`}>
              {t('compartments.audience', { parties: format.list(selected.parties.map(partyName)) })}
            </p>
          )}
        </>
      )}
    </FormField>
  );
}

/** Picks the track among those the item type may be filed under and the cell has. */
export function TrackSelect({ tracks, value, onChange, testId }: { tracks: readonly Track[]; value: Track; onChange: (track: Track) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <FormField label={t('fields.track')}>
      {(id) => (
        <select id={id} data-testid={testId} value={value} onChange={(event) => onChange(tracks.find((track) => track === event.target.value) ?? value)}>
          {tracks.map((track) => (
            <option key={track} value={track}>
              {t(`tracks.${track}.name`)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
