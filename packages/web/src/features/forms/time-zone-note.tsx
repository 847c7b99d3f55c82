import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format.ts';
import { localInputToIso, localTimeZone } from './local-time.ts';

/**
 * Said next to a time input: the zone it is read in, and the chosen time read back in the
 * member's language, since the browser's own picker shows its own locale's format.
 */
export function TimeZoneNote({ value, id, testId }: { value: string; id: string; testId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const iso = localInputToIso(value);
  return (
    <p className="hint time-zone-note" id={id} data-testid={testId} aria-live="polite">
      {t('forms.timeZone', { zone: localTimeZone(format.language) })}
      {iso !== undefined && (
        <>
          {' · '}
          <time dateTime={iso} data-testid={`${testId}-time`}>
            {t('forms.timeReadBack', { time: format.dateTime(iso) })}
          </time>
        </>
      )}
    </p>
  );
}
