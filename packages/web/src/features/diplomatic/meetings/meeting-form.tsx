import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_MODES, type MeetingMode } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../../components/use-names.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { FieldProblem, FormField, TextField } from '../../forms/form-field.tsx';
import { useItemFormContext } from '../../forms/item-form-context.ts';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../../forms/item-form.tsx';
import { useMeetingsProblemText, type MeetingsProblem } from './meeting-problems.ts';
import { browserTimeZone, formatInZone, timeZoneChoices, zonedInputToIso } from './zoned-time.ts';
import { useFormatters } from '../../../i18n/format.ts';

interface AgendaRow {
  key: number;
  title: string;
}

/** The compartment the item goes to: fixed by the page, or the author's choice in the form. */
function useFormCompartment(place: ItemPlace | undefined): string {
  const form = useItemFormContext();
  return place?.compartment ?? form.place?.compartment ?? '';
}

/** The parties taking part: every party of the compartment, unless the author leaves one out. */
function PartiesField({ place, excluded, onChange }: { place: ItemPlace | undefined; excluded: ReadonlySet<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const { session } = useAuthenticated();
  const form = useItemFormContext();
  const compartment = useFormCompartment(place);
  const parties = session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? [];
  return (
    <fieldset className="field field-wide meeting-parties" data-testid="meeting-parties" aria-invalid={form.invalidField === 'parties'}>
      <legend>{t('meetings.form.parties')}</legend>
      {parties.map((party) => (
        <label key={party} className="checkbox">
          <input
            type="checkbox"
            data-testid={`meeting-party-${party}`}
            checked={!excluded.has(party)}
            onChange={(event) => {
              const next = new Set(excluded);
              if (event.target.checked) next.delete(party);
              else next.add(party);
              onChange(next);
              form.edited('parties');
            }}
          />
          {partyName(party)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The members taking part, when the author names them: members of the parties taking part, as
 * the cell's directory lists them, grouped by party. None chosen names no one in particular.
 */
function MembersField({ parties, chosen, onChange }: { parties: readonly string[]; chosen: ReadonlySet<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const { snapshot } = useRecordSync();
  const form = useItemFormContext();
  const groups = parties.map((party) => ({
    party,
    members: [...snapshot.members.entries()].filter(([, member]) => member.party === party).sort(([, a], [, b]) => a.displayName.localeCompare(b.displayName)),
  }));
  return (
    <fieldset className="field field-wide meeting-members" data-testid="meeting-members" aria-invalid={form.invalidField?.startsWith('members') === true}>
      <legend>{t('meetings.form.members')}</legend>
      <p className="hint">{t('meetings.form.membersHint')}</p>
      {groups.every((group) => group.members.length === 0) && <p className="hint">{t('meetings.form.membersNone')}</p>}
      {groups
        .filter((group) => group.members.length > 0)
        .map((group) => (
          <div key={group.party} className="meeting-members-party" role="group" aria-label={partyName(group.party)} data-party={group.party}>
            <span className="meeting-members-party-name">{partyName(group.party)}</span>
            {group.members.map(([id, member]) => (
              <label key={id} className="checkbox">
                <input
                  type="checkbox"
                  data-testid={`meeting-member-${id}`}
                  checked={chosen.has(id)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(id);
                    else next.delete(id);
                    onChange(next);
                    form.edited('members');
                  }}
                />
                <bdi>{member.displayName}</bdi>
              </label>
            ))}
          </div>
        ))}
    </fieldset>
  );
}

/** The agenda: one row per item, added and removed; the minutes have a section for each. */
function AgendaField({ rows, onChange }: { rows: AgendaRow[]; onChange: (rows: AgendaRow[]) => void }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  const edit = (next: AgendaRow[]) => {
    onChange(next);
    form.edited('agenda');
  };
  return (
    <fieldset className="field field-wide meeting-agenda" data-testid="meeting-agenda">
      <legend>{t('meetings.form.agenda')}</legend>
      <ol className="meeting-agenda-rows">
        {rows.map((row, index) => (
          <li key={row.key} className="meeting-agenda-row">
            <input
              aria-label={t('meetings.form.agendaItem', { number: index + 1 })}
              data-testid={`meeting-agenda-${index}`}
              lang={form.language}
              dir="auto"
              value={row.title}
              aria-invalid={form.invalidField === `agenda.${index}.title`}
              onChange={(event) => edit(rows.map((candidate) => (candidate.key === row.key ? { ...candidate, title: event.target.value } : candidate)))}
            />
            <button type="button" className="button button-small" data-testid={`meeting-agenda-remove-${index}`} onClick={() => edit(rows.filter((candidate) => candidate.key !== row.key))}>
              {t('meetings.form.removeAgendaItem')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button-small" data-testid="meeting-agenda-add" onClick={() => edit([...rows, { key: Math.max(0, ...rows.map((row) => row.key)) + 1, title: '' }])}>
        {t('meetings.form.addAgendaItem')}
      </button>
      {form.missing === 'agenda' && <FieldProblem problem={{ text: t('meetings.form.agendaMissing'), testId: 'meeting-agenda-missing' }} field="agenda" />}
    </fieldset>
  );
}

/** Where the chosen time falls, in the venue's zone and in the reader's. */
function TimeReadBack({ value, timeZone, testId }: { value: string; timeZone: string; testId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const iso = zonedInputToIso(value, timeZone);
  if (iso === undefined) return null;
  const venue = formatInZone(iso, format.language, timeZone);
  const own = formatInZone(iso, format.language, undefined);
  return (
    <p className="hint" data-testid={testId} data-iso={iso}>
      {venue === own ? t('meetings.form.readBackSame', { venue }) : t('meetings.form.readBack', { venue, own })}
    </p>
  );
}

/** Tells the form which compartment the author chose, since the parties offered are that compartment's. */
function CompartmentWatch({ place, onChange }: { place: ItemPlace | undefined; onChange: (compartment: string) => void }) {
  const compartment = useFormCompartment(place);
  useEffect(() => onChange(compartment), [compartment, onChange]);
  return null;
}

/** A time typed as the venue's wall clock, read back in the venue's zone and the reader's. */
function ZonedTimeField({ field, label, testId, value, onChange, timeZone }: { field: string; label: string; testId: string; value: string; onChange: (value: string) => void; timeZone: string }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  return (
    <FormField label={label} problem={form.missing === field ? { text: t('meetings.form.timeMissing'), testId: `${testId}-missing` } : undefined}>
      {(id) => (
        <>
          <input
            id={id}
            type="datetime-local"
            data-testid={testId}
            aria-invalid={form.invalidField === field}
            value={value}
            onChange={(event) => {
              onChange(event.target.value);
              form.edited(field);
            }}
          />
          <TimeReadBack value={value} timeZone={timeZone} testId={`${testId}-read-back`} />
        </>
      )}
    </FormField>
  );
}

/**
 * A supervisor convenes a meeting (a side proposes one, for a supervisor to confirm): its round
 * and title, when (read in the venue's time zone), how and where, the parties taking part and
 * its agenda. Entered on an explanation request, it is the meeting convened on that request.
 */
export function MeetingForm({ place, request, onDone }: { place?: ItemPlace | undefined; request?: string | undefined; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const problemText = useMeetingsProblemText();
  const [compartment, setCompartment] = useState('');
  const [round, setRound] = useState('');
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [mode, setMode] = useState<MeetingMode>('in-person');
  const [venue, setVenue] = useState('');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [agenda, setAgenda] = useState<AgendaRow[]>([{ key: 1, title: '' }]);
  const [members, setMembers] = useState<Set<string>>(new Set());
  const { snapshot } = useRecordSync();
  const supervisor = session.party.kind === 'supervisor';

  const takingPart = (session.compartments.find((candidate) => candidate.id === (place?.compartment ?? compartment))?.parties ?? []).filter((party) => !excluded.has(party));

  const draft = (language: string, compartment: string): Draft<MeetingsProblem> => {
    const roundNumber = Number(round);
    if (round.trim() === '' || !Number.isInteger(roundNumber)) return { missing: 'round' };
    if (title.trim() === '') return { missing: 'title' };
    const start = zonedInputToIso(startsAt, timeZone);
    const end = zonedInputToIso(endsAt, timeZone);
    if (start === undefined) return { missing: 'startsAt' };
    if (end === undefined) return { missing: 'endsAt' };
    if (Date.parse(end) <= Date.parse(start)) return { problem: 'endBeforeStart', field: 'endsAt' };
    if (mode !== 'remote' && venue.trim() === '') return { missing: 'venue' };
    const parties = (session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? []).filter((party) => !excluded.has(party));
    if (parties.length < 2) return { problem: 'noParty', field: 'parties' };
    // Members of a party left out are not sent: they no longer take part.
    const named = [...members].filter((member) => parties.includes(snapshot.members.get(member)?.party ?? ''));
    const items = agenda.filter((row) => row.title.trim() !== '');
    if (items.length === 0) return { missing: 'agenda' };
    const payload: JsonObject = {
      round: roundNumber,
      title: title.trim(),
      startsAt: start,
      endsAt: end,
      timeZone,
      mode,
      parties,
      agenda: items.map((row, index) => ({ id: `item-${index + 1}`, title: row.title.trim() })),
      language,
      ...(venue.trim() === '' ? {} : { venue: venue.trim() }),
      ...(named.length === 0 ? {} : { members: named }),
    };
    return { payload };
  };

  return (
    <ItemForm
      type="meeting"
      testId="meeting"
      className="meeting-form"
      place={place}
      preferredTrack="diplomatic"
      references={request === undefined ? undefined : [request]}
      draft={(language) => draft(language, place?.compartment ?? compartment)}
      status={{ problemText }}
      onEntered={() => {
        // Every field starts again: the next meeting shares nothing with this one by default.
        setRound('');
        setTitle('');
        setStartsAt('');
        setEndsAt('');
        setTimeZone(browserTimeZone());
        setMode('in-person');
        setVenue('');
        setExcluded(new Set());
        setMembers(new Set());
        setAgenda([{ key: 1, title: '' }]);
        onDone?.();
      }}
    >
      <div className="form-grid">
        <FormPlace />
        <CompartmentWatch place={place} onChange={setCompartment} />
        <TextField field="round" label={t('meetings.form.round')} testId="meeting-round" value={round} onChange={setRound} missing={{ text: t('meetings.form.roundMissing'), testId: 'meeting-round-missing' }} />
        <TextField field="title" label={t('meetings.form.title')} testId="meeting-title" value={title} onChange={setTitle} wide missing={{ text: t('meetings.form.titleMissing'), testId: 'meeting-title-missing' }} />
        <FormField label={t('meetings.form.timeZone')}>
          {(id) => (
            <select id={id} data-testid="meeting-time-zone" value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
              {timeZoneChoices().map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <ZonedTimeField field="startsAt" label={t('meetings.form.startsAt')} testId="meeting-starts" value={startsAt} onChange={setStartsAt} timeZone={timeZone} />
        <ZonedTimeField field="endsAt" label={t('meetings.form.endsAt')} testId="meeting-ends" value={endsAt} onChange={setEndsAt} timeZone={timeZone} />
        <FormField label={t('meetings.form.mode')}>
          {(id) => (
            <select id={id} data-testid="meeting-mode" value={mode} onChange={(event) => setMode(event.target.value as MeetingMode)}>
              {MEETING_MODES.map((value) => (
                <option key={value} value={value}>
                  {t(`meetings.modes.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <TextField field="venue" label={t('meetings.form.venue')} testId="meeting-venue" value={venue} onChange={setVenue} missing={{ text: t('meetings.form.venueMissing'), testId: 'meeting-venue-missing' }} />
        <PartiesField place={place} excluded={excluded} onChange={setExcluded} />
        <MembersField parties={takingPart} chosen={members} onChange={setMembers} />
        <AgendaField rows={agenda} onChange={setAgenda} />
        <FormLanguage />
      </div>
      <p className="hint">{supervisor ? t('meetings.form.convenedNote') : t('meetings.form.proposedNote')}</p>
      <FormSubmit>{supervisor ? t('meetings.form.convene') : t('meetings.form.propose')}</FormSubmit>
    </ItemForm>
  );
}
