/**
 * Characters no text field may hold, whatever the field: C0 control characters other than
 * tab and line feed (U+0000 above all, which PostgreSQL cannot store and SQLite would), and
 * UTF-16 surrogates that are not part of a pair, which have no UTF-8 form.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface UnsafeText {
  /** Where the text is, as a path of keys and indices from the value given. */
  path: PropertyKey[];
  problem: string;
}

function problemOf(text: string): string | undefined {
  const control = CONTROL.exec(text);
  if (control) return `holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which no text may hold`;
  if (LONE_SURROGATE.test(text)) return 'holds an unpaired UTF-16 surrogate, which is not text';
  return undefined;
}

/** A value still to look at, and how it was reached: paths are built only for a finding. */
interface Pending {
  value: unknown;
  parent: Pending | undefined;
  key: PropertyKey | undefined;
}

function pathTo(node: Pending, last?: PropertyKey): PropertyKey[] {
  const path: PropertyKey[] = last === undefined ? [] : [last];
  for (let at: Pending | undefined = node; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
}

/**
 * The first string, or object key, in a parsed JSON value that holds a character no text may
 * hold. Walks without recursion, so no nesting depth can exhaust the stack, and without
 * copying paths, so the time is linear in the size of the value however deep it nests.
 */
export function findUnsafeText(value: unknown): UnsafeText | undefined {
  const pending: Pending[] = [{ value, parent: undefined, key: undefined }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const current = next.value;
    if (typeof current === 'string') {
      const problem = problemOf(current);
      if (problem) return { path: pathTo(next), problem };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) pending.push({ value: current[index], parent: next, key: index });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index] as [string, unknown];
        const problem = problemOf(key);
        if (problem) return { path: pathTo(next, key), problem: `has a key that ${problem}` };
        pending.push({ value: child, parent: next, key });
      }
    }
  }
  return undefined;
}
