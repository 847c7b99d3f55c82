/** One dispute: its disputed items, its stage and deadline, its history as a timeline, and what the reader may do next. */
export function DisputePage() {
  return <div className="page" data-testid="page-dispute" />;
}
