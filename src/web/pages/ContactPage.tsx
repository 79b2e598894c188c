import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page.tsx';
import { useMeta } from '../meta.ts';

/** Contact and feedback: the address configured for this installation. */
export default function ContactPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  return (
    <Page title={t('contact.title')} className="prose">
      <p className="lead">{t('contact.intro')}</p>
      <p>
        {t('contact.email')}{' '}
        {meta ? <a href={`mailto:${meta.feedbackEmail}`}>{meta.feedbackEmail}</a> : <span>{t('app.loading')}</span>}
      </p>
      <p>{t('contact.tenantData')}</p>
      <p>
        <Link to="/barrierefreiheit">{t('contact.toStatement')}</Link>
      </p>
    </Page>
  );
}
