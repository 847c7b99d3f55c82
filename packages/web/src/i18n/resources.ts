import ar from './ar.json';
import arMeetings from './diplomatic/meetings.ar.json';
import arTexts from './diplomatic/texts.ar.json';
import en from './en.json';
import enMeetings from './diplomatic/meetings.en.json';
import enTexts from './diplomatic/texts.en.json';
import he from './he.json';
import heMeetings from './diplomatic/meetings.he.json';
import heTexts from './diplomatic/texts.he.json';

/**
 * Every string of the app, by language. A track with many screens keeps its own files beside
 * the common ones (`diplomatic/`), under a key of its own: `meetings` (meetings, minutes and
 * commitments) and `jointText` (the single negotiating text).
 */
export const RESOURCES = {
  en: { ...en, meetings: enMeetings, jointText: enTexts },
  ar: { ...ar, meetings: arMeetings, jointText: arTexts },
  he: { ...he, meetings: heMeetings, jointText: heTexts },
};

export type Resources = (typeof RESOURCES)['en'];
