import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error.ts';

/** Request fields the server may name in errors, with their label keys. */
const FIELD_LABELS = {
  username: 'fields.username',
  password: 'fields.password',
  displayName: 'fields.displayName',
  roles: 'fields.roles',
  label: 'fields.label',
  publicKey: 'fields.publicKey',
  proof: 'fields.proof',
  text: 'fields.text',
  language: 'fields.language',
  ackRequested: 'fields.ackRequested',
  track: 'fields.track',
  compartment: 'fields.compartment',
  references: 'fields.references',
  authoredAt: 'fields.authoredAt',
  author: 'fields.author',
  device: 'fields.device',
  signature: 'fields.signature',
  type: 'fields.type',
  cell: 'fields.cell',
  signedBy: 'fields.signedBy',
} as const;

/** Turns an API error code and field into words in the active language. */
export function useErrorText() {
  const { t } = useTranslation();
  return useCallback(
    (error: ApiError): { summary: string; field: string | undefined } => {
      const summary = t(`errors.codes.${error.code}`);
      if (error.field === undefined) return { summary, field: undefined };
      // "body.roles[0]" names the field "roles", "body.envelope.payload.text" the field "text",
      // "body.envelope.references[2]" the field "references"; other paths stay as the server wrote them.
      const name = error.field.replace(/^(body|params|query|headers)\./, '').replace(/^envelope\.(payload\.)?/, '').split(/[.[]/)[0] ?? error.field;
      const key = name in FIELD_LABELS ? FIELD_LABELS[name as keyof typeof FIELD_LABELS] : undefined;
      return { summary, field: key ? t(key) : error.field };
    },
    [t],
  );
}
