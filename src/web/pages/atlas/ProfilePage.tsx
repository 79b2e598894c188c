import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { formatPeriod, formatValue } from '../../atlas/format.ts';
import { indicatorApi, type InternalRegionProfile } from '../../atlas/indicators/api.ts';
import type { ProfileIndicator, ProfileTrendPoint } from '../../atlas/types.ts';
import { useSession } from '../../session.tsx';

/** `?ansicht=oeffentlich` shows members the public view of their own municipality. */
const VIEW_PARAM = 'ansicht';
const PUBLIC_VIEW = 'oeffentlich';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The year of a period for the trend text (`2024-12-31` → `2024`). */
function shortPeriod(period: string, language: string): string {
  return /^\d{4}-12-31$/.test(period) ? period.slice(0, 4) : formatPeriod(period, language);
}

/** Why there is no number: suppressed or missing, never the number itself. */
function noValue(indicator: { flag: string | null; missing?: string }, t: Translate): string {
  if (indicator.flag === 'suppressed') return t('profile.suppressed');
  return indicator.missing ?? t('profile.noValue');
}

/** The trend as text: „2016: 12,3 → 2024: 14,1 (+1,8)“ from the first and last period with a value. */
export function trendText(trend: readonly ProfileTrendPoint[], language: string, t: Translate): string {
  const valued = trend.filter((p): p is ProfileTrendPoint & { value: number } => p.value !== null);
  const first = valued[0];
  const last = valued.at(-1);
  if (!first || !last) return t('profile.noTrend');
  const from = `${shortPeriod(first.period, language)}: ${formatValue(first.value, language, 1)}`;
  if (first === last) return from;
  const change = last.value - first.value;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const delta = `${sign}${formatValue(Math.abs(change), language, 1)}`;
  return `${from} → ${shortPeriod(last.period, language)}: ${formatValue(last.value, language, 1)} (${delta})`;
}

/** A small line of the trend; decorative, the text next to it says the same. */
function Sparkline({ trend }: { trend: readonly ProfileTrendPoint[] }) {
  const width = 80;
  const height = 20;
  const valued = trend.map((p, i) => ({ i, v: p.value })).filter((p): p is { i: number; v: number } => p.v !== null);
  if (valued.length < 2) return null;
  const min = Math.min(...valued.map((p) => p.v));
  const max = Math.max(...valued.map((p) => p.v));
  const x = (i: number) => (trend.length > 1 ? (i / (trend.length - 1)) * (width - 4) + 2 : width / 2);
  const y = (v: number) => (max === min ? height / 2 : height - 2 - ((v - min) / (max - min)) * (height - 4));
  const points = valued.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  return (
    <svg
      className="profile-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

function Row({
  indicator,
  language,
  t,
}: {
  indicator: ProfileIndicator & { published?: boolean };
  language: string;
  t: Translate;
}) {
  const value = indicator.value;
  const number = (v: number | null) => (v === null ? '–' : formatValue(v, language));
  return (
    <tr data-testid={`steckbrief-${indicator.key}`}>
      <th scope="row">
        {indicator.label}
        {indicator.unit && <span className="profile-unit"> ({indicator.unit})</span>}
        {indicator.period && (
          <span className="profile-period"> {t('profile.at', { period: formatPeriod(indicator.period, language) })}</span>
        )}
        {indicator.published === false && (
          <>
            {' '}
            <span className="badge">{t('atlasIndicators.profile.unpublished')}</span>
          </>
        )}
      </th>
      <td className="num">{value === null ? noValue(indicator, t) : formatValue(value, language)}</td>
      <td className="num">{number(indicator.parentValue)}</td>
      <td className="num">{indicator.rank === null ? '–' : t('profile.rankOf', { rank: indicator.rank, of: indicator.of })}</td>
      <td className="num">{number(indicator.median)}</td>
      <td className="profile-trend">
        <Sparkline trend={indicator.trend} /> <span>{trendText(indicator.trend, language, t)}</span>
      </td>
    </tr>
  );
}

/**
 * The profile (Steckbrief) of a region, printable and addressable by URL: the public view
 * (published indicators) for visitors, the internal view (all indicators, unpublished ones
 * marked, confidentiality as in public) for members of the municipality.
 */
export default function ProfilePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { tenantKey = '', region = '' } = useParams();
  const [params] = useSearchParams();
  const { session } = useSession();
  const membership = session?.user?.memberships.find((m) => m.tenantKey === tenantKey) ?? null;
  // Wait for the session, so that members do not first load the public view.
  const view = session === null ? null : membership && params.get(VIEW_PARAM) !== PUBLIC_VIEW ? 'internal' : 'public';
  const key = `${tenantKey}/${region}/${view ?? ''}`;
  const [loaded, setLoaded] = useState<{ key: string; profile: InternalRegionProfile | null; error: string | null } | null>(null);

  useEffect(() => {
    if (view === null) return;
    let cancelled = false;
    const read = view === 'internal' ? indicatorApi.profile(tenantKey, region) : api.regionProfile(tenantKey, region);
    read.then(
      (profile) => !cancelled && setLoaded({ key, profile, error: null }),
      (e: unknown) => !cancelled && setLoaded({ key, profile: null, error: errorMessage(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [key, tenantKey, region, view]);

  const current = loaded?.key === key ? loaded : null;
  const profile = current?.profile ?? null;
  const error = current?.error ?? null;
  const name = profile?.region.name ?? region;
  const title = t('profile.title', { name });
  if (error)
    return (
      <Page title={t('profile.title', { name: region })}>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <p>
          <Link to="/atlas">{t('profile.back')}</Link>
        </p>
      </Page>
    );
  if (!profile)
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );

  const level = t(`profile.levels.${profile.region.level}`, { defaultValue: profile.region.level });
  const attributions = [...new Set(profile.sources.map((s) => s.attribution).filter(Boolean))];
  const back = `/atlas?${new URLSearchParams({ kommune: tenantKey, ebene: profile.region.level, gebiet: region }).toString()}`;
  const internal = view === 'internal';
  const intro = internal
    ? profile.parent
      ? t('atlasIndicators.profile.internalIntro', { parent: profile.parent.name })
      : t('atlasIndicators.profile.internalIntroNoParent')
    : profile.parent
      ? t('profile.intro', { level, parent: profile.parent.name })
      : t('profile.introNoParent');
  const here = `/atlas/gebiet/${encodeURIComponent(tenantKey)}/${encodeURIComponent(region)}`;
  return (
    <Page title={title} className="profile-page">
      <p className={internal ? 'alert alert-info profile-view' : 'profile-view'} data-testid="steckbrief-ansicht">
        {internal
          ? t('atlasIndicators.profile.internalView', { tenant: membership?.tenantName ?? tenantKey })
          : t('atlasIndicators.profile.publicNote')}
        {membership && (
          <>
            {' '}
            <Link className="no-print" to={internal ? `${here}?${VIEW_PARAM}=${PUBLIC_VIEW}` : here}>
              {internal ? t('atlasIndicators.profile.showPublic') : t('atlasIndicators.profile.showInternal')}
            </Link>
          </>
        )}
      </p>
      <p className="profile-intro">
        {intro} {t('profile.similar', { level })} {t('profile.rankNote')}
      </p>
      <p className="profile-actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('profile.print')}
        </button>{' '}
        <Link to={back}>{t('profile.back')}</Link>
      </p>
      {profile.groups.map((group) => {
        const id = `steckbrief-${group.lifeDomain}`;
        const domain = t(`atlas.lifeDomains.${group.lifeDomain}`, { defaultValue: group.lifeDomain });
        return (
          <section key={group.lifeDomain} className="profile-group" aria-labelledby={id}>
            <h2 id={id}>{domain}</h2>
            {/* Focusable so keyboard users can scroll a wide table on a narrow screen. */}
            <div className="table-wrap" role="region" tabIndex={0} aria-label={t('profile.tableLabel', { domain })}>
              <table className="profile-table">
                <thead>
                  <tr>
                    <th scope="col">{t('profile.table.indicator')}</th>
                    <th scope="col" className="num">
                      {t('profile.table.value')}
                    </th>
                    <th scope="col" className="num">
                      {t('profile.table.parent', { name: profile.parent?.name ?? t('profile.table.kreis') })}
                    </th>
                    <th scope="col" className="num">
                      {t('profile.table.rank')}
                    </th>
                    <th scope="col" className="num">
                      {t('profile.table.median', { level })}
                    </th>
                    <th scope="col">{t('profile.table.trend')}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.indicators.map((indicator) => (
                    <Row key={indicator.key} indicator={indicator} language={language} t={t} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      <p className="atlas-attribution profile-sources" data-testid="steckbrief-quellen">
        {t('atlas.attribution')} {attributions.join(' · ')}
      </p>
    </Page>
  );
}
