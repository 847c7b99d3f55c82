import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format.ts';
import { localTimeZone } from '../forms/local-time.ts';
import type { TimeWindow } from './map-feature.ts';
import { hoursFrom, moveWindowEnd, sliderSpan } from './map-layers.ts';

/**
 * The window as two sliders in whole hours, each end read back as a date in the reader's
 * language and zone; the screen reader hears that date rather than the slider's number.
 */
export function MapTimeSlider({ range, window, onWindowChange }: { range: TimeWindow; window: TimeWindow; onWindowChange(window: TimeWindow): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const span = sliderSpan(range);
  const at = (time: number) => format.dateTime(new Date(time).toISOString());
  const ends = [
    { end: 'from', label: t('map.time.from'), time: window.from },
    { end: 'to', label: t('map.time.to'), time: window.to },
  ] as const;
  return (
    <fieldset className="map-time" data-testid="map-time">
      <legend>{t('map.time.heading')}</legend>
      {ends.map(({ end, label, time }) => (
        <div className="map-time-row" key={end}>
          <label htmlFor={`${id}-${end}`}>{label}</label>
          <input
            id={`${id}-${end}`}
            type="range"
            min={0}
            max={span}
            step={1}
            value={hoursFrom(range, time)}
            aria-valuetext={at(time)}
            onChange={(event) => onWindowChange(moveWindowEnd(range, window, end, Number(event.currentTarget.value)))}
            data-testid={`map-time-${end}`}
          />
          <output htmlFor={`${id}-${end}`} className="map-time-value" data-testid={`map-time-${end}-value`}>
            <time dateTime={new Date(time).toISOString()}>{at(time)}</time>
          </output>
        </div>
      ))}
      {/* The offset at the window's start: it may differ from today's across a daylight-saving change. */}
      <p className="hint">{t('map.time.zone', { zone: localTimeZone(format.language, new Date(window.from)) })}</p>
    </fieldset>
  );
}
