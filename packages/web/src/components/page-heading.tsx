import { useEffect, useRef, type ReactNode } from 'react';
import { useDocumentTitle } from './use-document-title.ts';

/**
 * The page's one h1. It takes the focus when the page opens, so keyboard and screen-reader
 * users land on the new content instead of staying in the navigation.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="page-heading">
      <h1 ref={heading} tabIndex={-1} data-testid="page-title">
        {title}
      </h1>
      {children}
    </header>
  );
}
