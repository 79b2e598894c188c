import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../components/Page.tsx';
import { IndicatorList } from '../../atlas/indicators/IndicatorList.tsx';
import { useSession } from '../../session.tsx';

/** Municipalities (Landkreis, kreisfreie Stadt) have an atlas of their own; the state level does not. */
const ATLAS_KINDS = new Set(['landkreis', 'kreisfreie_stadt']);

/**
 * `/atlas/indikatoren`: the indicators of the member's municipality. Planners and admins
 * publish, withdraw (with undo), create and change them; viewers and contributors read.
 */
export default function IndicatorsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const user = session?.user;
  const tenants = (user?.memberships ?? []).filter((m) => ATLAS_KINDS.has(m.tenantKind));
  const [selected, setSelected] = useState<string | null>(null);
  if (!user) return null;
  const tenant = tenants.find((m) => m.tenantKey === selected) ?? tenants[0];
  const mayWrite = tenant !== undefined && (tenant.role === 'planner' || tenant.role === 'admin');

  return (
    <Page title={t('atlasIndicators.title')} className="indicators-page">
      <p className="lead">{t('atlasIndicators.intro')}</p>
      {!tenant ? (
        <p>{t('atlasIndicators.noTenant')}</p>
      ) : (
        <>
          {tenants.length > 1 ? (
            <div className="field field-inline">
              <label htmlFor="indikatoren-gk">{t('atlasIndicators.tenant')}</label>
              <select id="indikatoren-gk" value={tenant.tenantKey} onChange={(event) => setSelected(event.target.value)}>
                {tenants.map((m) => (
                  <option key={m.tenantKey} value={m.tenantKey}>
                    {m.tenantName} ({m.tenantKey})
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>
              {t('atlasIndicators.tenant')}: <strong>{tenant.tenantName}</strong> ({tenant.tenantKey})
            </p>
          )}
          <p>{mayWrite ? t('atlasIndicators.writeNote') : t('atlasIndicators.readOnly', { role: t(`roles.${tenant.role}`) })}</p>
          <IndicatorList key={tenant.tenantKey} tenantKey={tenant.tenantKey} mayWrite={mayWrite} />
          <p>
            <Link to={`/atlas?${new URLSearchParams({ kommune: tenant.tenantKey }).toString()}`}>
              {t('atlasIndicators.toAtlas')}
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}
