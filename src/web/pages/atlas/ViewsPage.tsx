import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api.ts';
import type { AtlasTenant } from '../../atlas/types.ts';
import { PublicViewList } from '../../atlas/views/PublicViewList.tsx';
import { ViewList } from '../../atlas/views/ViewList.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { useSession } from '../../session.tsx';

/** Municipalities (Landkreis, kreisfreie Stadt) have an atlas of their own; the state level does not. */
const ATLAS_KINDS = new Set(['landkreis', 'kreisfreie_stadt']);

/**
 * `/atlas/ansichten?kommune=<key>`: saved map views. Members of the municipality see all its
 * views (planners and admins manage them); everybody else sees the published views whose
 * indicator is published. Without `kommune`, a member's own municipality or the first public atlas.
 */
export default function ViewsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const requested = params.get('kommune');
  const own = (session?.user?.memberships ?? []).filter((m) => ATLAS_KINDS.has(m.tenantKind));
  const member = requested ? own.find((m) => m.tenantKey === requested) : own[0];
  const [tenants, setTenants] = useState<AtlasTenant[] | null>(null);
  const [tenantsError, setTenantsError] = useState<string | null>(null);
  const needsPublic = session !== null && !member;

  useEffect(() => {
    if (!needsPublic) return;
    let active = true;
    api.atlasTenants().then(
      (list) => active && setTenants(list),
      (error: unknown) => active && setTenantsError(errorMessage(error)),
    );
    return () => {
      active = false;
    };
  }, [needsPublic]);

  const choose = (tenantKey: string) => setParams(new URLSearchParams({ kommune: tenantKey }), { replace: true });

  let body;
  if (session === null) body = <Loading />;
  else if (member) {
    const mayWrite = member.role === 'planner' || member.role === 'admin';
    body = (
      <>
        <p className="lead">{t('atlasViews.introMember', { name: member.tenantName })}</p>
        {own.length > 1 && (
          <div className="field field-inline">
            <label htmlFor="ansichten-kommune">{t('atlasViews.tenant')}</label>
            <select id="ansichten-kommune" value={member.tenantKey} onChange={(e) => choose(e.target.value)}>
              {own.map((m) => (
                <option key={m.tenantKey} value={m.tenantKey}>
                  {m.tenantName} ({m.tenantKey})
                </option>
              ))}
            </select>
          </div>
        )}
        <p>{mayWrite ? t('atlasViews.writeNote') : t('atlasViews.readOnly', { role: t(`roles.${member.role}`) })}</p>
        <ViewList key={member.tenantKey} tenantKey={member.tenantKey} mayWrite={mayWrite} />
        <p>
          <Link to={`/atlas?${new URLSearchParams({ kommune: member.tenantKey }).toString()}`}>{t('atlasViews.toAtlas')}</Link>
        </p>
      </>
    );
  } else if (tenantsError) {
    body = (
      <p className="alert alert-error" role="alert">
        {tenantsError}
      </p>
    );
  } else if (!tenants) body = <Loading />;
  else {
    const tenant = tenants.find((x) => x.tenantKey === requested) ?? (requested ? null : tenants[0]);
    body =
      tenants.length === 0 ? (
        <p>{t('atlasViews.noPublicAtlas')}</p>
      ) : (
        <>
          {tenant && <p className="lead">{t('atlasViews.introPublic', { name: tenant.name })}</p>}
          {tenants.length > 1 && (
            <div className="field field-inline">
              <label htmlFor="ansichten-kommune">{t('atlasViews.tenant')}</label>
              <select id="ansichten-kommune" value={tenant?.tenantKey ?? ''} onChange={(e) => choose(e.target.value)}>
                {!tenant && <option value="" />}
                {tenants.map((x) => (
                  <option key={x.tenantKey} value={x.tenantKey}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {tenant ? (
            <>
              <PublicViewList tenantKey={tenant.tenantKey} name={tenant.name} />
              <p>
                <Link to={`/atlas?${new URLSearchParams({ kommune: tenant.tenantKey }).toString()}`}>
                  {t('atlasViews.toAtlas')}
                </Link>
              </p>
            </>
          ) : (
            // A key without a public atlas: the API says so in German.
            requested && <PublicViewList tenantKey={requested} name={requested} />
          )}
        </>
      );
  }

  return (
    <Page title={t('atlasViews.title')} documentTitle={t('atlasViews.documentTitle')} className="views-page">
      {body}
    </Page>
  );
}
