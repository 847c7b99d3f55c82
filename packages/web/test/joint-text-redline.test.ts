import { describe, expect, it } from 'vitest';
import { redline, redlineVersions, type RedlinePart } from '../src/features/diplomatic/texts/redline.ts';

const of = (parts: RedlinePart[], kind: RedlinePart['kind']) => parts.filter((part) => part.kind === kind).map((part) => part.text.trim());

describe('the redline between two wordings', () => {
  it('marks whole English words deleted and inserted', () => {
    const parts = redline('The parties agree to a ceasefire now.', 'The parties agree to a full ceasefire today.', 'en');
    expect(of(parts, 'deleted')).toEqual(['now']);
    expect(of(parts, 'inserted')).toEqual(['full', 'today']);
    expect(parts.map((part) => (part.kind === 'inserted' ? '' : part.text)).join('')).toContain('The parties agree to a');
  });

  it('keeps Arabic words whole, never cutting them at a shared prefix', () => {
    const parts = redline('يتفق الطرفان على وقف إطلاق النار الآن.', 'يتفق الطرفان على وقف إطلاق النار اليوم.', 'ar');
    expect(of(parts, 'deleted')).toEqual(['الآن']);
    expect(of(parts, 'inserted')).toEqual(['اليوم']);
  });

  it('keeps Hebrew words whole', () => {
    const parts = redline('הצדדים מסכימים על הפסקת אש עכשיו.', 'הצדדים מסכימים על הפסקת אש מלאה היום.', 'he');
    expect(of(parts, 'deleted')).toEqual(['עכשיו']);
    expect(of(parts, 'inserted').join(' ')).toBe('מלאה היום');
    expect(of(parts, 'same')[0]).toBe('הצדדים מסכימים על הפסקת אש');
  });

  it('puts back both texts exactly from its parts', () => {
    const before = 'يتفق الطرفان على وقف إطلاق النار الآن.';
    const after = 'يتفق الطرفان، برعاية الولايات المتحدة، على وقف النار اليوم.';
    const parts = redline(before, after, 'ar');
    expect(parts.filter((part) => part.kind !== 'inserted').map((part) => part.text).join('')).toBe(before);
    expect(parts.filter((part) => part.kind !== 'deleted').map((part) => part.text).join('')).toBe(after);
  });
});

describe('the redline between two versions', () => {
  const section = (passages: { id: string; text: string }[]) => ({ sections: [{ id: 's1', passages }] });

  it('aligns passages by id: changed, added, removed in place, the same', () => {
    const before = section([
      { id: 'p1', text: 'The parties meet in Geneva.' },
      { id: 'p2', text: 'Prisoners are exchanged.' },
      { id: 'p3', text: 'The buffer zone stays.' },
    ]);
    const after = section([
      { id: 'p1', text: 'The parties meet in Vienna.' },
      { id: 'p3', text: 'The buffer zone stays.' },
      { id: 'p4', text: 'Observers report monthly.' },
    ]);
    const rows = redlineVersions(before, after, 'en');
    expect(rows.map((row) => [row.passage, row.change])).toEqual([
      ['p1', 'changed'],
      ['p2', 'removed'],
      ['p3', 'same'],
      ['p4', 'added'],
    ]);
    expect(of(rows[0]?.parts ?? [], 'deleted')).toEqual(['Geneva']);
    expect(of(rows[0]?.parts ?? [], 'inserted')).toEqual(['Vienna']);
  });

  it('compares a passage holding options by its options’ wording', () => {
    const before = { sections: [{ id: 's1', passages: [{ id: 'p1', options: [{ id: 'a', text: 'within 30 days' }, { id: 'b', text: 'within 60 days' }] }] }] };
    const after = section([{ id: 'p1', text: 'within 45 days' }]);
    const [row] = redlineVersions(before, after, 'en');
    expect(row?.change).toBe('changed');
    expect(of(row?.parts ?? [], 'inserted').join(' ')).toContain('45');
  });
});
