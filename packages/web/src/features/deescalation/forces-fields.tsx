import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EQUIPMENT_CATEGORIES, type EquipmentCategory, type ForceCaps, type ForceCounts } from '@fusion-cell/protocol';

/** One row of equipment as typed: a category, a number, and a calibre when it matters. */
export interface EquipmentRow {
  key: number;
  category: EquipmentCategory;
  amount: string;
  calibre: string;
}

/** Personnel and equipment rows, as the form holds them before they are read as numbers. */
export interface ForcesInput {
  personnel: string;
  rows: EquipmentRow[];
}

let nextKey = 1;
const row = (category: EquipmentCategory, amount = '', calibre = ''): EquipmentRow => ({ key: nextKey++, category, amount, calibre });

export function capsInput(caps: ForceCaps | undefined): ForcesInput {
  return {
    personnel: caps?.personnel === undefined ? '' : String(caps.personnel),
    rows: (caps?.equipment ?? []).map((cap) => row(cap.category, String(cap.max), cap.aboveCalibreMm === undefined ? '' : String(cap.aboveCalibreMm))),
  };
}

export function countsInput(counts: ForceCounts | undefined): ForcesInput {
  return {
    personnel: counts?.personnel === undefined ? '' : String(counts.personnel),
    rows: (counts?.equipment ?? []).map((piece) => row(piece.category, String(piece.count), piece.calibreMm === undefined ? '' : String(piece.calibreMm))),
  };
}

/** A whole number typed in a field: absent when empty, NaN when it is not one. */
function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The forces as the payload holds them, or the first field that is not a whole number (or a row without its number). */
function readForces(input: ForcesInput, names: { amount: string; calibre: string }): { personnel?: number; equipment: Array<{ category: EquipmentCategory; amount: number; calibre?: number }> } | { field: string } {
  const personnel = wholeNumber(input.personnel);
  if (Number.isNaN(personnel)) return { field: 'personnel' };
  const equipment = [];
  for (const [index, item] of input.rows.entries()) {
    const amount = wholeNumber(item.amount);
    const calibre = wholeNumber(item.calibre);
    if (amount === undefined || Number.isNaN(amount)) return { field: `equipment[${index}].${names.amount}` };
    if (Number.isNaN(calibre) || calibre === 0) return { field: `equipment[${index}].${names.calibre}` };
    equipment.push({ category: item.category, amount, ...(calibre === undefined ? {} : { calibre }) });
  }
  return { ...(personnel === undefined ? {} : { personnel }), equipment };
}

export function readCaps(input: ForcesInput): ForceCaps | { field: string } {
  const read = readForces(input, { amount: 'max', calibre: 'aboveCalibreMm' });
  if ('field' in read) return read;
  return {
    ...(read.personnel === undefined ? {} : { personnel: read.personnel }),
    equipment: read.equipment.map((item) => ({ category: item.category, max: item.amount, ...(item.calibre === undefined ? {} : { aboveCalibreMm: item.calibre }) })),
  };
}

export function readCounts(input: ForcesInput): ForceCounts | { field: string } {
  const read = readForces(input, { amount: 'count', calibre: 'calibreMm' });
  if ('field' in read) return read;
  return {
    ...(read.personnel === undefined ? {} : { personnel: read.personnel }),
    equipment: read.equipment.map((item) => ({ category: item.category, count: item.amount, ...(item.calibre === undefined ? {} : { calibreMm: item.calibre }) })),
  };
}

export function useForcesInput(initial: ForcesInput): [ForcesInput, (next: ForcesInput) => void] {
  return useState(initial);
}

/**
 * Personnel and one row per category of equipment, for a zone's caps (at most so many, perhaps
 * only above a calibre) or a notice's counts (so many, of a calibre). Numbers are typed, never
 * guessed: a row left without its number is said to be so.
 */
export function ForcesFields({ mode, value, onChange, invalidField, testId }: { mode: 'caps' | 'counts'; value: ForcesInput; onChange: (next: ForcesInput) => void; invalidField: string | null; testId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const words = mode === 'caps' ? 'deescalation.forms.caps' : 'deescalation.forms.counts';
  const update = (key: number, change: Partial<EquipmentRow>) => onChange({ ...value, rows: value.rows.map((item) => (item.key === key ? { ...item, ...change } : item)) });
  const used = new Set(value.rows.map((item) => item.category));
  const nextCategory = EQUIPMENT_CATEGORIES.find((category) => !used.has(category)) ?? 'tanks';
  return (
    <div className="deesc-forces" data-testid={testId}>
      <div className="field">
        <label htmlFor={`${id}-personnel`}>{t(`${words}.personnel`)}</label>
        <input
          id={`${id}-personnel`}
          inputMode="numeric"
          className="deesc-number"
          data-testid={`${testId}-personnel`}
          aria-invalid={invalidField === 'personnel'}
          value={value.personnel}
          onChange={(event) => onChange({ ...value, personnel: event.target.value })}
        />
      </div>
      {value.rows.length > 0 && (
        <ul className="deesc-rows" aria-label={t(`${words}.equipment`)}>
          {value.rows.map((item, index) => (
            <li key={item.key} className="deesc-row" data-testid={`${testId}-row`}>
              <div className="field">
                <label htmlFor={`${id}-${item.key}-category`}>{t('deescalation.forms.category')}</label>
                <select
                  id={`${id}-${item.key}-category`}
                  data-testid={`${testId}-category`}
                  value={item.category}
                  onChange={(event) => update(item.key, { category: EQUIPMENT_CATEGORIES.find((category) => category === event.target.value) ?? item.category })}
                >
                  {EQUIPMENT_CATEGORIES.map((category) => (
                    <option key={category} value={category}>
                      {t(`deescalation.equipment.${category}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-${item.key}-amount`}>{t(`${words}.amount`)}</label>
                <input
                  id={`${id}-${item.key}-amount`}
                  inputMode="numeric"
                  className="deesc-number"
                  data-testid={`${testId}-amount`}
                  aria-invalid={invalidField?.startsWith(`equipment[${index}].`) === true && !invalidField.endsWith('Mm')}
                  value={item.amount}
                  onChange={(event) => update(item.key, { amount: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-${item.key}-calibre`}>{t(`${words}.calibre`)}</label>
                <input
                  id={`${id}-${item.key}-calibre`}
                  inputMode="numeric"
                  className="deesc-number"
                  data-testid={`${testId}-calibre`}
                  aria-invalid={invalidField === `equipment[${index}].${mode === 'caps' ? 'aboveCalibreMm' : 'calibreMm'}`}
                  value={item.calibre}
                  onChange={(event) => update(item.key, { calibre: event.target.value })}
                />
              </div>
              <button type="button" className="button button-small button-link" data-testid={`${testId}-remove`} onClick={() => onChange({ ...value, rows: value.rows.filter((other) => other.key !== item.key) })}>
                {t('deescalation.forms.removeRow')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button-small" data-testid={`${testId}-add`} onClick={() => onChange({ ...value, rows: [...value.rows, row(nextCategory)] })}>
        {t(`${words}.add`)}
      </button>
    </div>
  );
}
