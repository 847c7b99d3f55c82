import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapExceeded, ForceCaps, ForceCounts } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Caps, counts and what went over them, said in the reader's language from the structured
 * fields: a zone's rule reads the same to every party, whatever language proposed it.
 */
export function useForcesWords() {
  const { t } = useTranslation();
  const format = useFormatters();
  const what = useCallback((category: CapExceeded['what']) => (category === 'personnel' ? t('deescalation.personnel') : t(`deescalation.equipment.${category}`)), [t]);
  return useMemo(
    () => ({
      what,
      // A cap of zero forbids: said as such, not as "at most 0".
      caps: (caps: ForceCaps): string[] => [
        ...(caps.personnel === undefined ? [] : [caps.personnel === 0 ? t('deescalation.caps.personnelNone') : t('deescalation.caps.personnel', { max: format.number(caps.personnel) })]),
        ...caps.equipment.map((cap) => {
          const values = { what: what(cap.category), max: format.number(cap.max) };
          if (cap.aboveCalibreMm === undefined) return cap.max === 0 ? t('deescalation.caps.equipmentNone', values) : t('deescalation.caps.equipment', values);
          const above = { ...values, calibre: format.number(cap.aboveCalibreMm) };
          return cap.max === 0 ? t('deescalation.caps.equipmentAboveNone', above) : t('deescalation.caps.equipmentAbove', above);
        }),
      ],
      counts: (counts: ForceCounts): string[] => [
        ...(counts.personnel === undefined ? [] : [t('deescalation.counts.personnel', { count: format.number(counts.personnel) })]),
        ...counts.equipment.map((piece) =>
          piece.calibreMm === undefined
            ? t('deescalation.counts.equipment', { what: what(piece.category), count: format.number(piece.count) })
            : t('deescalation.counts.equipmentCalibre', { what: what(piece.category), calibre: format.number(piece.calibreMm), count: format.number(piece.count) }),
        ),
      ],
      exceeded: (item: CapExceeded): string =>
        item.aboveCalibreMm === undefined
          ? t('deescalation.exceeded.item', { what: what(item.what), count: format.number(item.count), cap: format.number(item.cap) })
          : t('deescalation.exceeded.itemAbove', { what: what(item.what), calibre: format.number(item.aboveCalibreMm), count: format.number(item.count), cap: format.number(item.cap) }),
      /** A span as a watch officer reads it: whole hours, or minutes under an hour. */
      duration: (ms: number): string => {
        const magnitude = Math.abs(ms);
        return magnitude >= HOUR_MS
          ? t('deescalation.duration.hours', { count: format.number(Math.round(magnitude / HOUR_MS)) })
          : t('deescalation.duration.minutes', { count: format.number(Math.round(magnitude / MINUTE_MS)) });
      },
    }),
    [t, format, what],
  );
}
