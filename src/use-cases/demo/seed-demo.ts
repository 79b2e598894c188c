import { passwordFromRandomBytes, validateNewPassword } from '../../domain/accounts/password-policy.ts';
import { DEMO_TENANTS, DEMO_USERS, generateMusterlandGeography } from '../../domain/demo/musterland.ts';
import { DEMO_VARIABLES, generateMusterlandObservations } from '../../domain/demo/musterland-data.ts';
import { DEMO_COMPOSITE_INDEX, DEMO_INDICATORS } from '../../domain/demo/musterland-indicators.ts';
import { DEMO_GRID_CELL_SIZE, DEMO_GRID_REFERENCE_DATE, generateMusterlandGrid } from '../../domain/demo/musterland-grid.ts';
import type { PlaneProjection } from '../../domain/geometry/measures.ts';
import type { GridDatasetInfo } from '../../domain/grid/population-grid.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { SavedViewStore } from '../atlas-views/ports.ts';
import { seedDemoViews } from '../atlas-views/seed-demo-views.ts';
import type { PopulationGridStore } from '../grid/ports.ts';
import type { ProviderLinkStore, ServiceRegisterStore } from '../services/ports.ts';
import { seedDemoServices } from '../services/seed-demo-services.ts';
import type {
  AuditLog,
  ImportJournal,
  IndicatorStore,
  ObservationStore,
  MembershipStore,
  PasswordHasher,
  RegionStore,
  Secrets,
  SettingsStore,
  TenantStore,
  UserStore,
} from '../ports.ts';

export type SeedDemoResult = { seeded: false } | { seeded: true; password: string; passwordGenerated: boolean; users: string[] };

const SYSTEM: Actor = { kind: 'system', label: 'System (Demo)' };

/**
 * Fills an empty database (no tenants yet) with the fictional Landkreis Musterland: its
 * tenants, regions, planning areas and demo accounts. Does nothing on a non-empty database.
 * The password is `demoPassword` or, when absent, generated and returned for printing once.
 */
export async function seedDemo(
  deps: {
    tenants: TenantStore;
    users: UserStore;
    memberships: MembershipStore;
    regions: RegionStore;
    settings: SettingsStore;
    imports: ImportJournal;
    observations: ObservationStore;
    indicators: IndicatorStore;
    audit: AuditLog;
    hasher: PasswordHasher;
    secrets: Secrets;
    clock: Clock;
    /** The service register; when given, the demo's services and provider account are seeded too. */
    register?: ServiceRegisterStore;
    providers?: ProviderLinkStore;
    /** The population grid store and the EPSG:3035 projection; when given, the demo's 1 km grid is seeded too. */
    grids?: PopulationGridStore;
    plane?: PlaneProjection;
    /** The saved atlas views; when given, the demo's published map view is seeded too. */
    views?: SavedViewStore;
  },
  demoPassword: string | undefined,
): Promise<SeedDemoResult> {
  if ((await deps.tenants.count()) > 0) return { seeded: false };
  const now = deps.clock.now();
  const password = demoPassword ?? passwordFromRandomBytes(deps.secrets.bytes(20));
  validateNewPassword(password);
  const actor = auditActor(SYSTEM);

  for (const tenant of DEMO_TENANTS) {
    await deps.tenants.insert(tenant);
    await deps.audit.record(
      {
        ...actor,
        tenantKey: tenant.key,
        action: 'tenant.create',
        entityType: 'tenant',
        entityId: tenant.key,
        before: null,
        after: { ...tenant },
      },
      now,
    );
  }
  const geography = generateMusterlandGeography();
  await deps.regions.insertMany(geography.regions, DEMO_TENANTS[1]!.key);
  for (const [planningArea, members] of Object.entries(geography.planningAreaMembers)) {
    await deps.regions.setPlanningAreaMembers(planningArea, members);
  }
  await deps.audit.record(
    {
      ...actor,
      tenantKey: DEMO_TENANTS[1]!.key,
      action: 'region.import',
      entityType: 'region-set',
      entityId: 'demo-musterland',
      before: null,
      after: { regions: geography.regions.length },
    },
    now,
  );

  await deps.regions.addSuccessors(geography.successors, 'Gebietsänderung (Zusammenschluss, Demo)', DEMO_TENANTS[1]!.key);

  // The demo statistics arrive like any import: journaled, so they can be rolled back.
  const kreisKey = DEMO_TENANTS[1]!.key;
  const importId = await deps.imports.start({
    scope: kreisKey,
    fileName: 'Demo-Daten Landkreis Musterland',
    checksum: 'demo-musterland-v1',
    format: 'demo',
    ...actor,
    at: now,
  });
  const observations = generateMusterlandObservations();
  await deps.observations.upsertVariables(kreisKey, DEMO_VARIABLES, importId);
  let inserted = 0;
  for (let i = 0; i < observations.length; i += 2000) {
    inserted += (await deps.observations.applyBatch(kreisKey, importId, observations.slice(i, i + 2000))).inserted;
  }
  const periods = [...new Set(observations.map((o) => o.period))].sort();
  await deps.imports.finish(
    importId,
    'completed',
    now,
    {
      variables: DEMO_VARIABLES.length,
      regions: 0,
      observations: observations.length,
      inserted,
      updated: 0,
      unchanged: observations.length - inserted,
      periods,
    },
    null,
  );

  // Indicators and the composite index, published so that the public atlas shows them.
  for (const indicator of DEMO_INDICATORS) {
    await deps.indicators.save(kreisKey, indicator, true, now);
    await deps.audit.record(
      {
        ...actor,
        tenantKey: kreisKey,
        action: 'indicator.create',
        entityType: 'indicator',
        entityId: indicator.key,
        before: null,
        after: { label: indicator.label, unit: indicator.unit, published: true },
      },
      now,
    );
  }
  await deps.indicators.saveCompositeIndex(kreisKey, DEMO_COMPOSITE_INDEX, now);
  await deps.audit.record(
    {
      ...actor,
      tenantKey: kreisKey,
      action: 'composite-index.create',
      entityType: 'composite-index',
      entityId: DEMO_COMPOSITE_INDEX.key,
      before: null,
      after: { label: DEMO_COMPOSITE_INDEX.label, components: DEMO_COMPOSITE_INDEX.components.length },
    },
    now,
  );

  const passwordHash = await deps.hasher.hash(password);
  for (const demoUser of DEMO_USERS) {
    const id = deps.secrets.uuid();
    await deps.users.insert({ id, email: demoUser.email, displayName: demoUser.displayName, passwordHash, createdAt: now });
    await deps.memberships.upsert(id, demoUser.tenantKey, demoUser.role, now);
    await deps.audit.record(
      {
        ...actor,
        tenantKey: demoUser.tenantKey,
        action: 'membership.add',
        entityType: 'membership',
        entityId: `${id}@${demoUser.tenantKey}`,
        before: null,
        after: { email: demoUser.email, role: demoUser.role },
      },
      now,
    );
  }
  const services =
    deps.register && deps.providers
      ? await seedDemoServices({ ...deps, register: deps.register, providers: deps.providers }, actor, passwordHash)
      : null;
  if (deps.grids && deps.plane) await seedDemoGrid({ ...deps, grids: deps.grids, plane: deps.plane });
  if (deps.views) await seedDemoViews({ ...deps, views: deps.views }, actor);
  await deps.settings.set('demo', { seededAt: now.toISOString(), version: 1 }, now);
  return {
    seeded: true,
    password,
    passwordGenerated: demoPassword === undefined,
    users: [...DEMO_USERS.map((u) => u.email), ...(services ? [services.providerEmail] : [])],
  };
}

/** Key of the demo's population grid. */
export const DEMO_GRID_KEY = 'demo-1km';

/**
 * Stores (or replaces) Landkreis Musterland's fictional 1 km population grid, the population
 * points of the demo's gap analysis; recorded in the audit log. Part of {@link seedDemo}.
 */
export async function seedDemoGrid(deps: {
  grids: PopulationGridStore;
  plane: PlaneProjection;
  audit: AuditLog;
  clock: Clock;
}): Promise<GridDatasetInfo> {
  const now = deps.clock.now();
  const tenantKey = DEMO_TENANTS[1]!.key;
  const cells = generateMusterlandGrid((p) => deps.plane.forward(p));
  const dataset = await deps.grids.replace(
    tenantKey,
    {
      key: DEMO_GRID_KEY,
      label: 'Musterland-Gitter 1 km (fiktiv), Einwohner',
      referenceDate: DEMO_GRID_REFERENCE_DATE,
      source: 'Demo-Daten Landkreis Musterland (fiktiv, erzeugt), Zellen wie im Zensus-Gitter (EPSG:3035)',
      cellSize: DEMO_GRID_CELL_SIZE,
      territory: 'Gemeinden des Landkreises Musterland',
    },
    cells,
    now,
  );
  await deps.audit.record(
    {
      ...auditActor(SYSTEM),
      tenantKey,
      action: 'grid.import',
      entityType: 'grid-dataset',
      entityId: DEMO_GRID_KEY,
      before: null,
      after: { label: dataset.label, cells: dataset.cells, secretCells: dataset.secretCells, population: dataset.population },
    },
    now,
  );
  return dataset;
}
