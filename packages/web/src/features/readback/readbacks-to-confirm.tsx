/** On the author's watch: read-backs of the party's items still to confirm or query. */
export function ReadbacksToConfirm() {
  return null;
}
