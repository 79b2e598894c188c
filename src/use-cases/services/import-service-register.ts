import { berlinDate } from '../../domain/services/opening-hours.ts';
import { effectiveTaxonomy } from '../../domain/services/taxonomy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog } from '../ports.ts';
import type {
  ParsedServicePackage,
  ServiceImportCounts,
  ServiceImportJournal,
  ServiceImportStore,
  TaxonomyStore,
} from './ports.ts';

export interface ImportServiceRegisterDeps {
  journal: ServiceImportJournal;
  taxonomy: TaxonomyStore;
  /** Runs the writes in one transaction: all or nothing. */
  transaction<T>(work: (stores: { imports: ServiceImportStore; audit: AuditLog }) => Promise<T>): Promise<T>;
  clock: Clock;
}

/** Validation context handed to the parser: today (Europe/Berlin) and the tenant's term keys. */
export interface RegisterParseContext {
  today: string;
  knownTermKeys: ReadonlySet<string>;
  publish: boolean;
}

/**
 * Imports a register file (HSDS data package or JSON, facility list) into a municipality as
 * one transaction. The same file (checksum) imported before changes nothing; entries are
 * matched by id, so a changed file updates its entries instead of duplicating them, and the
 * rows it replaces are kept for rollback. Parse errors (file, line, column) and write errors
 * leave nothing behind; the journal records the import either way. Planners only; audited.
 */
export async function importServiceRegister(
  deps: ImportServiceRegisterDeps,
  actor: Actor,
  input: {
    tenantKey: string;
    fileName: string;
    checksum: string;
    format: string;
    publish?: boolean;
    read: (context: RegisterParseContext) => ParsedServicePackage | Promise<ParsedServicePackage>;
  },
): Promise<{ importId: number; unchanged: boolean; counts: ServiceImportCounts }> {
  requireRole(actor, input.tenantKey, 'planner');
  const existing = await deps.journal.findCompleted(input.tenantKey, input.checksum);
  if (existing?.counts) return { importId: existing.id, unchanged: true, counts: existing.counts };
  const who = auditActor(actor);
  const importId = await deps.journal.start({
    tenantKey: input.tenantKey,
    fileName: input.fileName,
    checksum: input.checksum,
    format: input.format,
    ...who,
    at: deps.clock.now(),
  });
  try {
    const terms = effectiveTaxonomy(await deps.taxonomy.overrides(input.tenantKey));
    const parsed = await input.read({
      today: berlinDate(deps.clock.now()),
      knownTermKeys: new Set(terms.map((t) => t.key)),
      publish: input.publish ?? false,
    });
    const counts = await deps.transaction(async ({ imports, audit }) => {
      const written = await imports.apply(input.tenantKey, importId, parsed.pkg, deps.clock.now());
      const counts: ServiceImportCounts = {
        organizations: parsed.pkg.organizations.length,
        locations: parsed.pkg.locations.length,
        services: parsed.pkg.services.length,
        links: parsed.pkg.services.reduce((n, s) => n + s.locationIds.length, 0),
        ...written,
        withoutCoordinates: parsed.withoutCoordinates,
        warnings: parsed.warnings,
      };
      await audit.record(
        {
          ...who,
          tenantKey: input.tenantKey,
          action: 'service-import.complete',
          entityType: 'service-import',
          entityId: String(importId),
          before: null,
          after: { fileName: input.fileName, format: parsed.format, ...counts, warnings: counts.warnings.length },
        },
        deps.clock.now(),
      );
      return counts;
    });
    await deps.journal.finish(importId, 'completed', deps.clock.now(), counts, null);
    return { importId, unchanged: false, counts };
  } catch (error) {
    await deps.journal.finish(importId, 'failed', deps.clock.now(), null, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
