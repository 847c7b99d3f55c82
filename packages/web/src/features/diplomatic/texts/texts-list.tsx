import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCompartmentName } from '../../../components/use-names.ts';
import type { JointText } from './joint-text-state.ts';

export type TextState = 'draft' | 'initialled' | 'signed';

/** Where the text stands, from its latest version's state: a draft until every party initialled it, signed once all signed. */
export function textState(text: JointText): TextState {
  const { state } = text.document.status.latest;
  return state === 'in-force' ? 'signed' : state === 'initialled' ? 'initialled' : 'draft';
}

/** The joint texts of the reader's compartments: title, latest version, state and open brackets. */
export function TextsList({ texts }: { texts: readonly JointText[] }) {
  const { t } = useTranslation();
  const compartmentName = useCompartmentName();
  if (texts.length === 0) return <p className="hint" data-testid="texts-empty">{t('jointText.list.empty')}</p>;
  return (
    <table className="texts-list" data-testid="texts-list">
      <thead>
        <tr>
          <th scope="col">{t('jointText.list.title')}</th>
          <th scope="col">{t('jointText.list.latest')}</th>
          <th scope="col">{t('jointText.list.state')}</th>
          <th scope="col">{t('jointText.list.brackets')}</th>
          <th scope="col">{t('jointText.list.compartment')}</th>
        </tr>
      </thead>
      <tbody>
        {texts.map((text) => {
          const state = textState(text);
          return (
            <tr key={text.id} data-testid={`text-row-${text.id}`} data-state={state} data-version={text.latest.number} data-brackets={text.openBrackets.length}>
              <td>
                <Link to={`?${new URLSearchParams({ view: 'texts', text: text.id }).toString()}`} lang={text.latest.payload.language} dir="auto" data-testid="text-row-link">
                  {text.latest.payload.title}
                </Link>
              </td>
              <td>{t('jointText.list.version', { number: text.latest.number })}</td>
              <td>
                <span className={`text-state text-state-${state}`} data-testid="text-row-state">
                  {t(`jointText.states.${state}`)}
                </span>
              </td>
              <td data-testid="text-row-brackets">{text.openBrackets.length}</td>
              <td>{compartmentName(text.compartment)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
