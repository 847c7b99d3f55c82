import type { CompartmentSummary, Track } from '@fusion-cell/protocol';
import { WEB_ITEM_TYPE_LIST } from '../../item-types/registry.ts';
import type { ItemTypeForm } from '../../item-types/web-item-type.ts';
import { mayCreate, type Author } from './permissions.ts';

/** A form a registered type offers, with the type it composes. */
export interface TypeForm {
  type: string;
  form: ItemTypeForm;
}

function registeredForms(): TypeForm[] {
  return WEB_ITEM_TYPE_LIST.flatMap((module) => (module.form ? [{ type: module.type, form: module.form }] : []));
}

/** The forms the duty console offers this author: those the cell would take from it in one of its compartments. */
export function consoleForms(author: Author, compartments: readonly CompartmentSummary[]): TypeForm[] {
  return registeredForms().filter(({ type, form }) => form.console !== undefined && compartments.some((compartment) => mayCreate(type, author, { compartmentKind: compartment.kind })));
}

/** The forms a track offers this author in one of its compartments: those the cell would take from it there. */
export function trackForms(author: Author, compartment: CompartmentSummary, track: Track): TypeForm[] {
  return registeredForms().filter(({ type, form }) => form.track !== undefined && mayCreate(type, author, { compartmentKind: compartment.kind, track }));
}
