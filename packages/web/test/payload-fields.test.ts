import { describe, expect, it } from 'vitest';
import { takesLanguage, textLimit } from '../src/features/forms/payload-fields.ts';

/** Forms take their limits and languages from the protocol's payload schemas, never from copies. */

describe('what a form reads of a payload schema', () => {
  it("offers no more text than the type's schema takes, through optional fields and defaults", () => {
    expect(textLimit('message', 'text')).toBe(20_000);
    expect(textLimit('alert', 'title')).toBe(200);
    expect(textLimit('alert', 'description')).toBe(4000);
    expect(textLimit('clarification.reply', 'answer')).toBe(8000);
    expect(textLimit('link.check', 'note')).toBe(500);
    expect(textLimit('ack', 'readBack')).toBe(4000);
  });

  it('has no limit for what is not text, or not a field of the type', () => {
    expect(textLimit('explanation.request', 'observedAt')).toBeUndefined();
    expect(textLimit('message', 'title')).toBeUndefined();
    expect(textLimit('constructor', 'text')).toBeUndefined();
  });

  it('asks for the language of the text only where the payload says one', () => {
    expect(takesLanguage('alert')).toBe(true);
    expect(takesLanguage('ack')).toBe(true);
    expect(takesLanguage('link.check')).toBe(false);
  });
});
