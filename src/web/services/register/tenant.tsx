import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Membership } from '../../api.ts';
import { useSession } from '../../session.tsx';

/**
 * The municipality the register pages work on: the member's municipalities (not the state
 * level), the one named in `?kommune=` or else the first.
 */
export function useRegisterTenant(): { tenants: Membership[]; tenant: Membership | null; search: string } {
  const { session } = useSession();
  const [params] = useSearchParams();
  const tenants = (session?.user?.memberships ?? []).filter((m) => m.tenantKind !== 'state');
  const tenant = tenants.find((m) => m.tenantKey === params.get('kommune')) ?? tenants[0] ?? null;
  return { tenants, tenant, search: tenant ? `?${new URLSearchParams({ kommune: tenant.tenantKey }).toString()}` : '' };
}

/** The municipality selector, shown only to members of more than one. */
export function TenantChooser({ tenants, tenant, id }: { tenants: Membership[]; tenant: Membership; id: string }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  if (tenants.length < 2) return null;
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{t('servicesRegister.tenant')}</label>
      <select id={id} value={tenant.tenantKey} onChange={(e) => setParams(new URLSearchParams({ kommune: e.target.value }))}>
        {tenants.map((m) => (
          <option key={m.tenantKey} value={m.tenantKey}>
            {m.tenantName}
          </option>
        ))}
      </select>
    </div>
  );
}
