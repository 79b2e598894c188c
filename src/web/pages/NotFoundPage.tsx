import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { Page } from '../components/Page.tsx';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text', { path: location.pathname })}</p>
      <p>
        <Link to="/">{t('notFound.toStart')}</Link>
      </p>
    </Page>
  );
}
