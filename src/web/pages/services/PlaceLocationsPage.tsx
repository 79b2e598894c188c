import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Page } from '../../components/Page.tsx';
import { importTenants } from '../../permissions.ts';
import { PlaceLocations } from '../../services/place/PlaceLocations.tsx';
import { useSession } from '../../session.tsx';

/**
 * `/angebote/verortung`: planners and administrators of a municipality place its service
 * locations without coordinates on the map by hand (there is no online geocoder) and correct
 * existing positions; other members see a notice. `?kommune=` chooses the municipality.
 */
export default function PlaceLocationsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const user = session?.user;
  if (!user) return null;
  // The position route asks for the role planner in the municipality itself (state rights do not count).
  const tenants = importTenants(user.memberships);
  const tenant = tenants.find((m) => m.tenantKey === params.get('kommune')) ?? tenants[0];

  return (
    <Page title={t('servicesPlace.title')} documentTitle={t('servicesPlace.documentTitle')} className="place-page">
      <p className="lead">{t('servicesPlace.intro')}</p>
      {!tenant ? (
        <>
          <p className="alert alert-info" data-testid="verortung-keine-rechte">
            {t('servicesPlace.noRight')}
          </p>
          <p>
            <Link to="/angebote">{t('servicesPlace.toMap')}</Link>
          </p>
        </>
      ) : (
        <>
          {tenants.length > 1 ? (
            <div className="field field-inline">
              <label htmlFor="verortung-kommune">{t('servicesPlace.tenant')}</label>
              <select
                id="verortung-kommune"
                value={tenant.tenantKey}
                onChange={(event) => setParams(new URLSearchParams({ kommune: event.target.value }))}
              >
                {tenants.map((m) => (
                  <option key={m.tenantKey} value={m.tenantKey}>
                    {m.tenantName} ({m.tenantKey})
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>
              {t('servicesPlace.tenant')}: <strong>{tenant.tenantName}</strong> ({tenant.tenantKey})
            </p>
          )}
          <PlaceLocations key={tenant.tenantKey} tenantKey={tenant.tenantKey} />
        </>
      )}
    </Page>
  );
}
