import { DEMO_PROVIDER, generateMusterlandServices } from '../../domain/demo/musterland-services.ts';
import { MUSTERLAND_KREIS_KEY } from '../../domain/demo/musterland.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { AuditLog, MembershipStore, Secrets, UserStore } from '../ports.ts';
import type { ProviderLinkStore, ServiceRegisterStore } from './ports.ts';

/**
 * Seeds the demo service register of Landkreis Musterland (60 services, see
 * musterland-services.ts) and the demo provider account (role contributor, linked to the
 * Jugendring) with the demo password's hash. Part of seeding an empty database; audited.
 */
export async function seedDemoServices(
  deps: {
    register: ServiceRegisterStore;
    providers: ProviderLinkStore;
    users: UserStore;
    memberships: MembershipStore;
    audit: AuditLog;
    secrets: Secrets;
    clock: Clock;
  },
  actor: { actorUserId: string | null; actorLabel: string },
  passwordHash: string,
): Promise<{ services: number; providerEmail: string }> {
  const now = deps.clock.now();
  const tenantKey = MUSTERLAND_KREIS_KEY;
  const demo = generateMusterlandServices();
  for (const o of demo.organizations) await deps.register.saveOrganization(tenantKey, o, now);
  for (const l of demo.locations) await deps.register.saveLocation(tenantKey, l, now);
  for (const s of demo.services) await deps.register.saveService(tenantKey, s, now);
  await deps.audit.record(
    {
      ...actor,
      tenantKey,
      action: 'service-register.seed-demo',
      entityType: 'service-register',
      entityId: tenantKey,
      before: null,
      after: { organizations: demo.organizations.length, locations: demo.locations.length, services: demo.services.length },
    },
    now,
  );
  const id = deps.secrets.uuid();
  await deps.users.insert({
    id,
    email: DEMO_PROVIDER.email,
    displayName: DEMO_PROVIDER.displayName,
    passwordHash,
    createdAt: now,
  });
  await deps.memberships.upsert(id, tenantKey, 'contributor', now);
  await deps.providers.link(tenantKey, id, DEMO_PROVIDER.organizationId, now);
  await deps.audit.record(
    {
      ...actor,
      tenantKey,
      action: 'service-provider.link',
      entityType: 'service-provider',
      entityId: `${id}@${DEMO_PROVIDER.organizationId}`,
      before: null,
      after: { email: DEMO_PROVIDER.email, role: 'contributor', organizationId: DEMO_PROVIDER.organizationId },
    },
    now,
  );
  return { services: demo.services.length, providerEmail: DEMO_PROVIDER.email };
}
