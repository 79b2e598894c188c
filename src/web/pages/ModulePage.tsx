import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page.tsx';
import { importTenants } from '../permissions.ts';
import { useSession } from '../session.tsx';

/** The Atlas is not built yet, but its data can already be imported: say so, with the way there. */
function AtlasImportNote() {
  const { t } = useTranslation();
  const { session } = useSession();
  const mayImport = importTenants(session?.user?.memberships ?? []).length > 0;
  return (
    <p className="alert alert-info">
      {mayImport ? (
        <>
          {t('modules.atlasImport.canImport')} <Link to="/daten/import">{t('modules.atlasImport.link')}</Link>
        </>
      ) : (
        t('modules.atlasImport.whoCan')
      )}
    </p>
  );
}

/** Honest placeholder for a module that is not built yet: what it will do, nothing more. */
export default function ModulePage({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const name = t(`modules.${moduleId}.name`);
  return (
    <Page title={t('modules.notAvailableTitle', { name })} documentTitle={name}>
      <p className="lead">{t(`modules.${moduleId}.description`)}</p>
      <p>{t('modules.notAvailableText', { name })}</p>
      {moduleId === 'atlas' && <AtlasImportNote />}
      <p>
        <Link to="/">{t('modules.backToStart')}</Link>
      </p>
    </Page>
  );
}
