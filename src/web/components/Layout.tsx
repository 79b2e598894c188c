import { Suspense, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { setLanguage, type Language } from '../i18n/index.ts';
import { useMeta } from '../meta.ts';
import { MODULES } from '../modules.ts';
import { importTenants } from '../permissions.ts';
import { useSession } from '../session.tsx';
import { Loading } from './Page.tsx';

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('inhalt');
  if (!main) return;
  // Without this the fragment would change the URL and count as a client-side navigation.
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch">
      <label htmlFor="sprache">{t('language.label')}</label>
      <select id="sprache" value={i18n.language} onChange={(event) => void setLanguage(event.target.value as Language)}>
        <option value="de" lang="de">
          Deutsch
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </div>
  );
}

function UserArea() {
  const { t } = useTranslation();
  const { session, logOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  if (!session) return null;
  if (!session.authenticated || !session.user) {
    return (
      <div className="user-area">
        <Link className="header-link" to="/anmelden">
          {t('header.logIn')}
        </Link>
      </div>
    );
  }
  const isAdmin = session.user.memberships.some((m) => m.role === 'admin');
  const mayImport = importTenants(session.user.memberships).length > 0;
  return (
    <div className="user-area">
      <span className="user-name">
        {t('header.signedInAs')} <strong>{session.user.displayName}</strong>
      </span>
      <NavLink className="header-link" to="/konto">
        {t('header.account')}
      </NavLink>
      {mayImport && (
        <NavLink className="header-link" to="/daten/import">
          {t('header.import')}
        </NavLink>
      )}
      {isAdmin && (
        <NavLink className="header-link" to="/verwaltung">
          {t('header.administration')}
        </NavLink>
      )}
      <button
        type="button"
        className="header-button"
        onClick={() => {
          setError(null);
          logOut().catch(() => setError(t('header.logOutFailed')));
        }}
      >
        {t('header.logOut')}
      </button>
      {error && (
        <p className="header-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function MainNavigation() {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const [openAt, setOpenAt] = useState<string | null>(null);
  // The small-screen menu closes by itself when the user navigates.
  const open = openAt === location.key;
  const isState = session?.user?.memberships.some((m) => m.tenantKind === 'state') ?? false;
  const modules = MODULES.filter((m) => m.level === 'kommune' || isState);
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <div className="main-nav-inner">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={open}
          aria-controls="hauptnavigation-liste"
          onClick={() => setOpenAt(open ? null : location.key)}
        >
          {t('nav.menu')}
        </button>
        <ul id="hauptnavigation-liste" className={open ? 'nav-list nav-open' : 'nav-list'}>
          <li>
            <NavLink to="/" end>
              {t('nav.start')}
            </NavLink>
          </li>
          {modules.map((m) => (
            <li key={m.id} className={m.level === 'state' ? 'nav-state' : undefined}>
              <NavLink to={m.path}>{t(`modules.${m.id}.name`)}</NavLink>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

function Footer() {
  const { t } = useTranslation();
  const meta = useMeta();
  return (
    <footer className="site-footer">
      <div className="footer-inner">
        <ul className="footer-links">
          <li>
            <Link to="/barrierefreiheit">{t('footer.accessibility')}</Link>
          </li>
          <li>
            <Link to="/kontakt">{t('footer.feedback')}</Link>
          </li>
        </ul>
        <p className="footer-note">
          {t('footer.note')}
          {meta && ` · ${t('footer.version', { version: meta.version })}`}
        </p>
      </div>
    </footer>
  );
}

/** Skip link, header with language switch and user area, main navigation, content, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { loadError } = useSession();
  return (
    <>
      <a className="skip-link" href="#inhalt" onClick={focusMain}>
        {t('app.skipLink')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link className="brand" to="/">
            <span className="brand-name">Planwerk</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            <UserArea />
          </div>
        </div>
        <MainNavigation />
      </header>
      <main id="inhalt" tabIndex={-1}>
        {loadError && (
          <div className="alert alert-error" role="alert">
            {t('app.sessionLoadFailed', { detail: loadError })}
          </div>
        )}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </>
  );
}
