/** The glossary: agreed terms in each of the cell's languages, those proposed and awaiting signatures, and proposing one. */
export function GlossaryPage() {
  return <div className="page" data-testid="page-glossary" />;
}
