import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { registerApi } from '../../services/register/api.ts';
import { TenantChooser, useRegisterTenant } from '../../services/register/tenant.tsx';
import type { TaxonomyTerm } from '../../services/register/types.ts';
import { taxonomyApi } from '../../services/taxonomy/api.ts';
import { termBody, TAXONOMY_VOCABULARIES, withTerm, type TaxonomyVocabulary } from '../../services/taxonomy/terms.ts';
import { VocabularySection, type LastToggle } from '../../services/taxonomy/VocabularySection.tsx';
import '../../services/register/register.css';
import '../../services/taxonomy/taxonomy.css';

interface Loaded {
  tenantKey: string;
  canEdit: boolean;
  terms: TaxonomyTerm[];
}

/**
 * The municipality's service taxonomy (/angebote/taxonomie): Lebenslagen, Zielgruppen and
 * Handlungsfelder with their shipped and own terms. Planners and admins rename, hide/show
 * (with „Rückgängig“) and add own terms; other members read them.
 */
export default function TaxonomyPage() {
  const { t } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const { tenants, tenant, search } = useRegisterTenant();
  const tenantKey = tenant?.tenantKey ?? null;
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toggles, setToggles] = useState<Partial<Record<TaxonomyVocabulary, LastToggle>>>({});

  useEffect(() => {
    if (!tenantKey) return;
    let cancelled = false;
    Promise.all([registerApi.access(tenantKey), taxonomyApi.list(tenantKey)]).then(
      ([access, terms]) => {
        if (cancelled) return;
        setError(null);
        setToggles({});
        setData({ tenantKey, canEdit: access.mode === 'planner', terms });
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [tenantKey]);

  const current = data && data.tenantKey === tenantKey ? data : null;

  const store = useCallback((term: TaxonomyTerm) => {
    setData((d) => (d ? { ...d, terms: withTerm(d.terms, term) } : d));
  }, []);

  const rename = useCallback(
    async (term: TaxonomyTerm, label: string) => {
      if (!tenantKey) return;
      const saved = await taxonomyApi.save(tenantKey, term.key, termBody(term, { label: label.trim() }));
      store(saved);
      announce(t('servicesTaxonomy.renamed', { before: term.label, label: saved.label }));
    },
    [announce, store, t, tenantKey],
  );

  /** Hides or shows a term; failures appear in the page's alert. */
  const setHidden = useCallback(
    async (term: TaxonomyTerm, hidden: boolean, undoing: boolean) => {
      if (!tenantKey) return;
      try {
        const saved = await taxonomyApi.save(tenantKey, term.key, termBody(term, { hidden }));
        store(saved);
        setError(null);
        setToggles((all) => {
          const next = { ...all };
          if (undoing) delete next[term.vocabulary];
          else next[term.vocabulary] = { key: term.key, label: saved.label, hidden, n: (all[term.vocabulary]?.n ?? 0) + 1 };
          return next;
        });
        announce(t(hidden ? 'servicesTaxonomy.hiddenDone' : 'servicesTaxonomy.shownDone', { label: saved.label }));
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [announce, store, t, tenantKey],
  );

  const add = useCallback(
    async (vocabulary: TaxonomyVocabulary, key: string, label: string) => {
      if (!tenantKey) return;
      const saved = await taxonomyApi.save(tenantKey, key, {
        vocabulary,
        label,
        description: null,
        minimumAge: null,
        maximumAge: null,
        hidden: false,
      });
      store(saved);
      announce(t('servicesTaxonomy.added', { label: saved.label, key: saved.key }));
    },
    [announce, store, t, tenantKey],
  );

  const title = t('servicesTaxonomy.title');
  const documentTitle = t('servicesTaxonomy.documentTitle');
  if (!tenant)
    return (
      <Page title={title} documentTitle={documentTitle}>
        <p>{t('servicesRegister.noTenant')}</p>
      </Page>
    );

  return (
    <Page title={title} documentTitle={documentTitle}>
      <TenantChooser tenants={tenants} tenant={tenant} id={`${id}-kommune`} />
      <p>
        <Link to={`/angebote/register${search}`}>{t('servicesTaxonomy.backToRegister')}</Link>
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {!current && !error && <Loading />}
      {current && (
        <>
          <p className="lead">{t('servicesTaxonomy.intro', { name: tenant.tenantName })}</p>
          {!current.canEdit && <p className="alert alert-warning">{t('servicesTaxonomy.readOnly')}</p>}
          {TAXONOMY_VOCABULARIES.map((vocabulary) => {
            const last = toggles[vocabulary] ?? null;
            return (
              <VocabularySection
                key={vocabulary}
                vocabulary={vocabulary}
                terms={current.terms}
                canEdit={current.canEdit}
                lastToggle={last}
                onRename={rename}
                onToggle={(term) => setHidden(term, !term.hidden, false)}
                onUndo={async (toggle) => {
                  const term = current.terms.find((x) => x.key === toggle.key);
                  if (term) await setHidden(term, !toggle.hidden, true);
                }}
                onAdd={add}
              />
            );
          })}
        </>
      )}
    </Page>
  );
}
