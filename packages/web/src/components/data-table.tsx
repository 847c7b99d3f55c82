import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DataTableProps {
  testId: string;
  /** Read by screen readers; the section's heading says the same to sighted readers. */
  caption: string;
  /** Column headings; a last, visually hidden "actions" column follows when `actions`. */
  columns: string[];
  actions?: boolean;
  busy?: boolean;
  /** Shown in one full-width row when there are no rows. */
  empty?: string | undefined;
  children: ReactNode;
}

/** The app's tables of records (members, devices, overdue answers): scrollable, labelled, mirrored in RTL. */
export function DataTable({ testId, caption, columns, actions = false, busy, empty, children }: DataTableProps) {
  const { t } = useTranslation();
  const width = columns.length + (actions ? 1 : 0);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId} aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {empty !== undefined && (
            <tr>
              <td colSpan={width}>{empty}</td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}
