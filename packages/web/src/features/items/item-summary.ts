import { ALERT_SEVERITIES, itemTypeDefinition, type AlertPayload, type InboxEntry, type Language } from '@fusion-cell/protocol';
import { parseLeaf } from '../../sync/verify-item.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { isLanguage } from '../../i18n/setup.ts';

/** A line that names an item in a list: an alert's title, a message's or question's opening words. */
export interface ItemSummary {
  text: string;
  language: Language | undefined;
  severity: AlertPayload['severity'] | undefined;
}

const MAX_SUMMARY = 140;

/** The first of the fields the type names its items by that holds text, with the alert's severity where there is one. */
export function summarize(payload: Record<string, unknown>, type: string): ItemSummary | undefined {
  const text = (itemTypeDefinition(type)?.summary ?? []).map((field) => payload[field]).find((value) => typeof value === 'string' && value !== '');
  if (typeof text !== 'string') return undefined;
  const language = isLanguage(payload['language']) ? payload['language'] : undefined;
  const severity = ALERT_SEVERITIES.find((candidate) => candidate === payload['severity']);
  return { text: text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}…` : text, language, severity };
}

/**
 * The item an inbox entry is about, as this browser holds it: verified by the record sync
 * when it has arrived there, otherwise read from the entry's own leaf and still pending (or
 * failed already, when the leaf is not what the server says it is).
 */
export function inboxItem(entry: InboxEntry, synced: SyncedItem | undefined): SyncedItem {
  if (synced) return synced;
  const leaf = parseLeaf(entry.leaf);
  return {
    id: leaf.id,
    claimedId: entry.item,
    compartment: entry.compartment,
    index: -1,
    receivedAt: entry.receivedAt,
    leafHash: leaf.leafHash,
    signed: leaf.signed,
    verification: {
      // The record sync will check it fully; what is wrong with the bytes already shows.
      signature:
        leaf.problem !== undefined
          ? { status: 'failed', code: 'leaf_malformed', detail: leaf.problem }
          : leaf.id !== entry.item
            ? { status: 'failed', code: 'id_mismatch', detail: `the server calls it ${entry.item}, but its bytes hash to ${leaf.id}` }
            : { status: 'pending' },
      inclusion: { status: 'pending' },
    },
  };
}
