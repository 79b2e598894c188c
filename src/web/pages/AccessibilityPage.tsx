import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page.tsx';
import { useMeta } from '../meta.ts';

const STATEMENT_DATE = '2026-11-24';

/** "Erklärung zur Barrierefreiheit" following the BITV 2.0 model statement. */
export default function AccessibilityPage() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const date = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  }).format(new Date(`${STATEMENT_DATE}T12:00:00Z`));
  const limitations = t('a11y.limitations', { returnObjects: true }) as string[];

  return (
    <Page title={t('a11y.title')} className="prose">
      <p className="lead">{t('a11y.scope')}</p>

      <h2>{t('a11y.statusTitle')}</h2>
      <p>{t('a11y.status')}</p>

      <h2>{t('a11y.limitationsTitle')}</h2>
      <ul>
        {limitations.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>

      <h2>{t('a11y.creationTitle')}</h2>
      <p>
        {t('a11y.creation')} <time dateTime={STATEMENT_DATE}>{date}</time>. {t('a11y.method')}
      </p>

      <h2>{t('a11y.feedbackTitle')}</h2>
      <p>{t('a11y.feedback')}</p>
      <p>
        {t('a11y.feedbackContact')}{' '}
        {meta ? <a href={`mailto:${meta.feedbackEmail}`}>{meta.feedbackEmail}</a> : <span>{t('app.loading')}</span>}
      </p>
      <p>
        <Link to="/kontakt">{t('a11y.toContact')}</Link>
      </p>

      <h2>{t('a11y.arbitrationTitle')}</h2>
      <p>{t('a11y.arbitration1')}</p>
      <p>{t('a11y.arbitration2')}</p>
      <p>{t('a11y.arbitrationState')}</p>
      <address lang="de">
        {t('a11y.arbitrationAddressName')}
        <br />
        {t('a11y.arbitrationAddressOffice')}
        <br />
        Mauerstraße 53
        <br />
        10117 Berlin
        <br />
        <a href="mailto:info@schlichtungsstelle-bgg.de">info@schlichtungsstelle-bgg.de</a>
        <br />
        <a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a>
      </address>
    </Page>
  );
}
