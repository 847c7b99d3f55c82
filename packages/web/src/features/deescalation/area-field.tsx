import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Place } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';
import { FieldProblem } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import type { TimeWindow } from '../map/map-feature.ts';
import { positionsOf, readGeoJson, type GeoKind, type GeoProblem, type GeoReading } from './geojson-input.ts';
import { useZoneFeatures } from './zone-features.ts';

// The map and its drawing tools are loaded only when a member asks to draw.
const DeescalationMap = lazy(() => import('../map/deescalation-map.tsx').then((module) => ({ default: module.DeescalationMap })));

const DAY_MS = 86_400_000;

/** The GeoJSON an area field holds, as typed, pasted or drawn, and what the protocol's schemas make of it. */
export interface AreaInput {
  kind: GeoKind;
  text: string;
  setText(text: string): void;
  reading: GeoReading;
}

export function useAreaInput(kind: GeoKind, initial?: Place): AreaInput {
  const [text, setText] = useState(() => (initial === undefined ? '' : JSON.stringify(initial)));
  const reading = useMemo(() => readGeoJson(text, kind), [text, kind]);
  return { kind, text, setText, reading };
}

/** Whether the field holds what the payload can take: the form's draft reads it. */
export function areaValue(input: AreaInput): { value: Place } | { missing: true } | { invalid: true } {
  if (input.reading.status === 'empty') return { missing: true };
  if (input.reading.status === 'invalid') return { invalid: true };
  return { value: input.reading.value };
}

/** What is wrong with the GeoJSON, in the reader's language, naming where. */
export function useGeoProblemText(): (geo: GeoProblem, kind: GeoKind) => string {
  const { t } = useTranslation();
  const format = useFormatters();
  return (geo, kind) => {
    switch (geo.code) {
      case 'json':
        return t('deescalation.area.problems.json');
      case 'type':
        return t('deescalation.area.problems.type', { type: geo.type, expected: t(kind === 'place' ? 'deescalation.area.expectedPlace' : 'deescalation.area.expectedArea') });
      case 'too-many':
        return t('deescalation.area.problems.tooMany', { max: format.number(geo.max) });
      case 'ring-open':
        return t('deescalation.area.problems.ringOpen', { where: geo.where });
      case 'ring-short':
        return t('deescalation.area.problems.ringShort', { where: geo.where });
      case 'longitude':
        return t('deescalation.area.problems.longitude', { where: geo.where });
      case 'latitude':
        return t('deescalation.area.problems.latitude', { where: geo.where });
      case 'position':
        return t('deescalation.area.problems.position', { where: geo.where });
      case 'shape':
        return t('deescalation.area.problems.shape', { where: geo.where || 'coordinates' });
    }
  };
}

/** A point by its latitude and longitude in decimal degrees: the keyboard's way to give an incident's place. */
function PointInput({ onPoint, testId }: { onPoint: (text: string) => void; testId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [invalid, setInvalid] = useState(false);
  const use = () => {
    const lat = Number(latitude.trim().replace(',', '.'));
    const lon = Number(longitude.trim().replace(',', '.'));
    const valid = latitude.trim() !== '' && longitude.trim() !== '' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    setInvalid(!valid);
    if (valid) onPoint(JSON.stringify({ type: 'Point', coordinates: [lon, lat] }));
  };
  return (
    <div className="deesc-point" data-testid={`${testId}-point`}>
      <div className="field">
        <label htmlFor={`${id}-lat`}>{t('deescalation.area.latitude')}</label>
        <input id={`${id}-lat`} inputMode="decimal" dir="ltr" data-testid={`${testId}-latitude`} value={latitude} aria-invalid={invalid} onChange={(event) => setLatitude(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-lon`}>{t('deescalation.area.longitude')}</label>
        <input id={`${id}-lon`} inputMode="decimal" dir="ltr" data-testid={`${testId}-longitude`} value={longitude} aria-invalid={invalid} onChange={(event) => setLongitude(event.target.value)} />
      </div>
      <button type="button" className="button" data-testid={`${testId}-use-point`} onClick={use}>
        {t('deescalation.area.usePoint')}
      </button>
      {invalid && <FieldProblem problem={{ text: t('deescalation.area.pointInvalid'), testId: `${testId}-point-problem` }} />}
    </div>
  );
}

/** The map in drawing mode inside the form, with the zones for reference. */
function DrawingMap({ onDrawn, onCancel }: { onDrawn: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const features = useZoneFeatures();
  const [range] = useState<TimeWindow>(() => {
    const now = Date.now();
    return { from: now - 14 * DAY_MS, to: now + 30 * DAY_MS };
  });
  const [window, setWindow] = useState<TimeWindow>(range);
  return (
    <Suspense fallback={<p className="hint">{t('deescalation.area.mapLoading')}</p>}>
      <DeescalationMap features={features} window={window} onWindowChange={setWindow} range={range} onSelect={() => undefined} drawing={{ onDrawn: (area) => onDrawn(JSON.stringify(area)), onCancel }} />
    </Suspense>
  );
}

/**
 * Where an item's area or place is: drawn on the map, pasted as GeoJSON, or, for a place, given
 * as a point by latitude and longitude. All three fill the same GeoJSON, read with the protocol's
 * schemas as it is typed, so the form works from the keyboard alone and says what is wrong and
 * where.
 */
export function AreaField({ input, field, label, testId }: { input: AreaInput; field: 'area' | 'place' | 'location'; label: string; testId: string }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  const problemText = useGeoProblemText();
  const format = useFormatters();
  const id = useId();
  const [drawing, setDrawing] = useState(false);
  const { reading, kind } = input;
  const change = (text: string) => {
    input.setText(text);
    form.edited(field);
  };
  const problem = reading.status === 'invalid' ? problemText(reading.problem, kind) : undefined;
  const summary =
    reading.status === 'valid'
      ? reading.value.type === 'Point'
        ? t('deescalation.area.point', { latitude: format.number(reading.value.coordinates[1]), longitude: format.number(reading.value.coordinates[0]) })
        : t('deescalation.area.given', { shape: t(`deescalation.area.shapes.${reading.value.type}`), count: format.number(positionsOf(reading.value)) })
      : t(kind === 'place' ? 'deescalation.area.nonePlace' : 'deescalation.area.none');
  const missing = form.missing === field;
  return (
    <fieldset className="field field-wide deesc-area" data-testid={testId} data-state={problem ? 'invalid' : reading.status}>
      <legend>{label}</legend>
      <p className={reading.status === 'valid' ? 'deesc-area-summary deesc-area-summary-set' : 'deesc-area-summary'} data-testid={`${testId}-summary`} aria-live="polite">
        {summary}
      </p>
      <div className="form-actions">
        <button type="button" className="button" data-testid={`${testId}-draw`} aria-expanded={drawing} onClick={() => setDrawing((open) => !open)}>
          {drawing ? t('deescalation.area.closeMap') : t('deescalation.area.draw')}
        </button>
        {input.text !== '' && (
          <button type="button" className="button button-link" data-testid={`${testId}-clear`} onClick={() => change('')}>
            {t('deescalation.area.clear')}
          </button>
        )}
      </div>
      {drawing && (
        <div className="deesc-area-map" data-testid={`${testId}-map`}>
          <DrawingMap
            onDrawn={(text) => {
              change(text);
              setDrawing(false);
            }}
            onCancel={() => setDrawing(false)}
          />
        </div>
      )}
      {kind === 'place' && <PointInput onPoint={change} testId={testId} />}
      <div className="field">
        <label htmlFor={id}>{t('deescalation.area.paste')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t(kind === 'place' ? 'deescalation.area.pasteHintPlace' : 'deescalation.area.pasteHint')}
        </p>
        <textarea
          id={id}
          rows={4}
          dir="ltr"
          spellCheck={false}
          className="deesc-geojson"
          data-testid={`${testId}-geojson`}
          aria-describedby={`${id}-hint`}
          aria-invalid={problem !== undefined || missing}
          value={input.text}
          onChange={(event) => change(event.target.value)}
        />
      </div>
      {problem !== undefined && <FieldProblem problem={{ text: problem, testId: `${testId}-problem` }} field={field} />}
      {problem === undefined && missing && (
        <FieldProblem problem={{ text: t(kind === 'place' ? 'deescalation.area.missingPlace' : 'deescalation.area.missing'), testId: `${testId}-missing` }} field={field} />
      )}
    </fieldset>
  );
}
