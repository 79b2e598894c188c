import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { auditLogRepository } from '../../db/repositories/audit-log.repository.ts';
import { serviceImportsRepository } from '../../db/repositories/services-import.repository.ts';
import { serviceRepositories } from '../../db/repositories/services.repository.ts';
import type { DB } from '../../db/schema.ts';
import { ImportError } from '../../domain/observations/import-error.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { importServiceRegister, type ImportServiceRegisterDeps } from '../../use-cases/services/import-service-register.ts';
import type { ServiceImportCounts } from '../../use-cases/services/ports.ts';
import { rollBackServiceImport } from '../../use-cases/services/roll-back-service-import.ts';
import { loadFacilities, type FacilityMapping } from '../facilities/read-facilities.ts';
import { isHsdsPackage, loadHsdsSource, parseHsds } from './read-hsds.ts';

/** Wires the register import use cases to the database: journal outside, data inside one transaction. */
export function serviceImportDeps(db: Kysely<DB>, clock: Clock): ImportServiceRegisterDeps {
  const repos = serviceRepositories(db);
  return {
    journal: repos.serviceJournal,
    taxonomy: repos.taxonomy,
    transaction: (work) =>
      db.transaction().execute((trx) => work({ imports: serviceImportsRepository(trx), audit: auditLogRepository(trx) })),
    clock,
  };
}

/** True when the path is something the register importer reads without a mapping (HSDS folder, zip or JSON). */
export function isRegisterSource(file: string): boolean {
  if (isHsdsPackage(file)) return true;
  if (!file.toLowerCase().endsWith('.json') || !fs.existsSync(file) || fs.statSync(file).size > 50_000_000) return false;
  const head = fs.readFileSync(file, 'utf8').slice(0, 4000);
  return !/"type"\s*:\s*"FeatureCollection"/.test(head) && /"(service_at_locations|organization_id|services)"/.test(head);
}

/**
 * Imports an HSDS package (folder, zip, JSON) or — with a mapping — a facility list (CSV,
 * GeoJSON) into the municipality's register.
 */
export async function importRegisterFile(
  deps: { db: Kysely<DB>; clock: Clock },
  actor: Actor,
  input: { file: string; fileName?: string; tenantKey: string; mapping?: FacilityMapping; publish?: boolean },
): Promise<{ importId: number; unchanged: boolean; counts: ServiceImportCounts; format: string }> {
  const fileName = input.fileName ?? path.basename(input.file);
  const wiring = serviceImportDeps(deps.db, deps.clock);
  if (input.mapping) {
    const mapping = input.mapping;
    const format = fileName.toLowerCase().endsWith('json') ? 'facilities-geojson' : 'facilities-csv';
    const checksumOnly = loadFacilities(input.file, mapping, { today: '', knownTermKeys: new Set() }, fileName).checksum;
    const result = await importServiceRegister(wiring, actor, {
      tenantKey: input.tenantKey,
      fileName,
      checksum: `${checksumOnly}${input.publish ? ':published' : ''}`,
      format,
      publish: input.publish ?? false,
      read: (context) => loadFacilities(input.file, mapping, context, fileName).parsed(),
    });
    return { ...result, format };
  }
  if (!fs.existsSync(input.file)) throw new ImportError(fileName, null, null, 'Die Datei oder der Ordner existiert nicht.');
  const source = loadHsdsSource(input.file, fileName);
  const format = source.kind === 'csv' ? 'hsds-csv' : 'hsds-json';
  const result = await importServiceRegister(wiring, actor, {
    tenantKey: input.tenantKey,
    fileName,
    checksum: `${source.checksum}${input.publish ? ':published' : ''}`,
    format,
    publish: input.publish ?? false,
    read: (context) => parseHsds(source, context),
  });
  return { ...result, format };
}

/** Takes back a register import (see rollBackServiceImport). */
export function rollBackRegisterImport(
  deps: { db: Kysely<DB>; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; importId: number },
) {
  const wiring = serviceImportDeps(deps.db, deps.clock);
  return rollBackServiceImport({ journal: wiring.journal, transaction: wiring.transaction, clock: deps.clock }, actor, input);
}

/** The German summary of a register import for the command line. */
export function describeRegisterImport(result: {
  importId: number;
  unchanged: boolean;
  counts: ServiceImportCounts;
  format: string;
}): string {
  if (result.unchanged) return `Dieses Paket wurde bereits importiert (Import ${result.importId}); nichts geändert.\n`;
  const c = result.counts;
  const lines = [
    `Import ${result.importId} abgeschlossen (${result.format}): ${c.organizations} Träger, ${c.services} Angebote, ${c.locations} Standorte ` +
      `(${c.inserted} neu, ${c.updated} geändert, ${c.unchanged} unverändert); ${c.withoutCoordinates} Standorte ohne Koordinaten (auf der Karte zu setzen).`,
    ...c.warnings.slice(0, 20).map((w) => `  Hinweis: ${w}`),
  ];
  if (c.warnings.length > 20) lines.push(`  … und ${c.warnings.length - 20} weitere Hinweise`);
  return `${lines.join('\n')}\n`;
}
