import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page.tsx';
import { CYCLE, MODULES } from '../modules.ts';
import { useSession } from '../session.tsx';

/** Start page: what Planwerk is, the planning cycle, the modules, who is signed in. */
export default function StartPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const user = session?.user;
  const isState = user?.memberships.some((m) => m.tenantKind === 'state') ?? false;
  const modules = MODULES.filter((m) => m.level === 'kommune' || isState);
  const modulePath = (id: string) => MODULES.find((m) => m.id === id)?.path ?? '/';

  return (
    <Page title={t('start.title')} documentTitle={t('nav.start')} className="start-page">
      {session && (
        <div className="signed-in-box">
          {user ? (
            <p>
              {t('start.signedInAs')} <strong>{user.displayName}</strong> ({user.email}).{' '}
              <Link to="/konto">{t('start.toAccount')}</Link>
            </p>
          ) : (
            <p>
              {t('start.notSignedIn')} <Link to="/anmelden">{t('start.toLogin')}</Link>
            </p>
          )}
        </div>
      )}
      <p className="lead">{t('start.intro')}</p>
      <p>{t('start.status')}</p>

      <section aria-labelledby="kreislauf-titel">
        <h2 id="kreislauf-titel">{t('start.cycleTitle')}</h2>
        <p>{t('start.cycleIntro')}</p>
        <ol className="cycle">
          {CYCLE.map((step) => (
            <li key={step.id}>
              <span className="cycle-name">{t(`cycle.${step.id}.name`)}</span>
              <span className="cycle-text">{t(`cycle.${step.id}.text`)}</span>
              <span className="cycle-module">
                {t('start.cycleModule')} <Link to={modulePath(step.module)}>{t(`modules.${step.module}.name`)}</Link>
              </span>
            </li>
          ))}
        </ol>
        <p className="cycle-again">{t('start.cycleAgain')}</p>
      </section>

      <section aria-labelledby="module-titel">
        <h2 id="module-titel">{t('start.modulesTitle')}</h2>
        <ul className="module-list">
          {modules.map((m) => (
            <li key={m.id}>
              <Link to={m.path} className="module-link">
                {t(`modules.${m.id}.name`)}
              </Link>
              <p>{t(`modules.${m.id}.description`)}</p>
              {!m.available && <p className="badge">{t('modules.notAvailableBadge')}</p>}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
