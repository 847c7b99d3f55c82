import type { ReactNode } from 'react';

/** What a page shows when there is nothing in it yet, said plainly. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <p className="empty-state-title">{title}</p>
      {children}
    </section>
  );
}
