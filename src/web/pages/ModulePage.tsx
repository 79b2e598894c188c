import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page.tsx';

/** Honest placeholder for a module that is not built yet: what it will do, nothing more. */
export default function ModulePage({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const name = t(`modules.${moduleId}.name`);
  return (
    <Page title={t('modules.notAvailableTitle', { name })} documentTitle={name}>
      <p className="lead">{t(`modules.${moduleId}.description`)}</p>
      <p>{t('modules.notAvailableText', { name })}</p>
      <p>
        <Link to="/">{t('modules.backToStart')}</Link>
      </p>
    </Page>
  );
}
