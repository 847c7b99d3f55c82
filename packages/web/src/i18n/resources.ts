import ar from './ar.json';
import arMeetings from './diplomatic/meetings.ar.json';
import arTexts from './diplomatic/texts.ar.json';
import arDisputes from './disputes/disputes.ar.json';
import arUnderstanding from './understanding/understanding.ar.json';
import en from './en.json';
import enMeetings from './diplomatic/meetings.en.json';
import enTexts from './diplomatic/texts.en.json';
import enDisputes from './disputes/disputes.en.json';
import enUnderstanding from './understanding/understanding.en.json';
import he from './he.json';
import heMeetings from './diplomatic/meetings.he.json';
import heTexts from './diplomatic/texts.he.json';
import heDisputes from './disputes/disputes.he.json';
import heUnderstanding from './understanding/understanding.he.json';

/**
 * Every string of the app, by language. An area with many screens keeps its own files beside
 * the common ones, under a key of its own: `meetings` (meetings, minutes and commitments) and
 * `jointText` (the single negotiating text) in `diplomatic/`; `disputes` (the dispute process,
 * its board and caucus) in `disputes/`; `understanding` (translations, the glossary, read-backs)
 * in `understanding/`.
 */
export const RESOURCES = {
  en: { ...en, meetings: enMeetings, jointText: enTexts, disputes: enDisputes, understanding: enUnderstanding },
  ar: { ...ar, meetings: arMeetings, jointText: arTexts, disputes: arDisputes, understanding: arUnderstanding },
  he: { ...he, meetings: heMeetings, jointText: heTexts, disputes: heDisputes, understanding: heUnderstanding },
};

export type Resources = (typeof RESOURCES)['en'];
