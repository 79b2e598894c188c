import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { Loading } from '../../components/Page.tsx';
import { atlasHref, viewApi, type PublicView } from './api.ts';
import { describeView, viewOfState } from './describe.ts';
import './views.css';

/** The published views of a municipality as visitors see them: each title opens the atlas with that view. */
export function PublicViewList({ tenantKey, name }: { tenantKey: string; name: string }) {
  const { t, i18n } = useTranslation();
  const [views, setViews] = useState<{ tenant: string; list: PublicView[] } | null>(null);
  const [error, setError] = useState<{ tenant: string; message: string } | null>(null);

  useEffect(() => {
    let active = true;
    viewApi.listPublic(tenantKey).then(
      (list) => active && setViews({ tenant: tenantKey, list }),
      (failure: unknown) => active && setError({ tenant: tenantKey, message: errorMessage(failure) }),
    );
    return () => {
      active = false;
    };
  }, [tenantKey]);

  if (error?.tenant === tenantKey)
    return (
      <p className="alert alert-error" role="alert">
        {error.message}
      </p>
    );
  if (views?.tenant !== tenantKey) return <Loading />;
  if (views.list.length === 0) return <p>{t('atlasViews.nonePublic', { name })}</p>;
  return (
    <ul className="view-cards">
      {views.list.map((view) => (
        <li key={view.id} data-testid={`ansicht-${view.id}`}>
          <h2>
            <Link to={atlasHref(view.state)}>{view.title}</Link>
          </h2>
          {view.description && <p className="view-description">{view.description}</p>}
          <ul className="view-summary">
            {describeView(viewOfState(view.state), view.indicatorLabel, t, i18n.language).map((part) => (
              <li key={part}>{part}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
