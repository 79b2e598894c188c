import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { importFile } from '../importers/import-file.ts';
import { inspectTable } from '../importers/tables/generic-table.ts';
import type { TableMapping } from '../domain/observations/generic-table.ts';
import { importDeps } from '../server/compose.ts';
import { rollBackImport } from '../use-cases/atlas/roll-back-import.ts';
import { recordTerritorialChange } from '../use-cases/atlas/record-territorial-change.ts';
import { SHARED_SCOPE } from '../use-cases/atlas/import-observations.ts';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig, VARIABLES, type Config } from '../config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import type { Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { inTransaction, repositories } from '../db/repositories/index.ts';
import { getValues } from '../use-cases/atlas/get-values.ts';
import { parseBreakSpec } from '../domain/classification/breaks.ts';
import { listAtlasRegions } from '../use-cases/atlas/list-atlas-regions.ts';
import { listVariables } from '../use-cases/atlas/list-variables.ts';
import { DomainError } from '../domain/shared/errors.ts';
import type { Actor } from '../domain/tenancy/policy.ts';
import { isRole, ROLES } from '../domain/tenancy/roles.ts';
import { findThuringianTenant } from '../domain/tenancy/thuringia.ts';
import { TENANT_KINDS, type TenantKind } from '../domain/tenancy/tenant.ts';
import { openConfiguredDatabase } from '../server/bootstrap.ts';
import { argon2Hasher } from '../adapters/password-hasher.ts';
import { cryptoSecrets } from '../adapters/secrets.ts';
import { systemClock } from '../domain/shared/clock.ts';
import { serve } from '../server/serve.ts';
import { createTenant } from '../use-cases/tenancy/create-tenant.ts';
import { addMember } from '../use-cases/tenancy/add-member.ts';
import { describeRegisterImport, importRegisterFile, isRegisterSource } from '../importers/hsds/import-register-file.ts';
import { smtpMailer } from '../adapters/mailer.ts';
import { reminderStores } from '../db/repositories/service-reminders.repository.ts';
import { describeFailedRun, describeSentRun, runReminders } from '../server/compose-reminders.ts';
import { getReminderStatus } from '../use-cases/services/get-reminder-status.ts';

/** Exit codes: 0 success, 1 the command failed, 2 invalid configuration or usage. */
const SYSTEM_CLI: Actor = { kind: 'system', label: 'System (Kommandozeile)' };

function requireConfig(): Config {
  const result = loadConfig();
  if (!result.ok) {
    process.stderr.write('Planwerk kann nicht starten: die Konfiguration ist ungültig.\n');
    for (const error of result.errors) process.stderr.write(`  - ${error}\n`);
    process.stderr.write('Alle Variablen: npx planwerk config\n');
    process.exit(2);
  }
  return result.config;
}

async function withDatabase<T>(holder: string, work: (database: Database) => Promise<T>): Promise<T> {
  const config = requireConfig();
  const database = await openConfiguredDatabase(config, holder);
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Reads a password from the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const muted = new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  process.stdout.write(question);
  const rl = readline.createInterface({ input: process.stdin, output: muted, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

// A closed pipe (e.g. `planwerk values … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command();
program.name('planwerk').description('Planwerk – Plattform für die integrierte Sozialplanung').showHelpAfterError();

program
  .command('serve')
  .description('Server starten (Migrationen anwenden, leere Datenbank mit der Demo füllen)')
  .action(async () => {
    await serve(requireConfig());
  });

program
  .command('migrate')
  .description('Datenbank auf den neuesten Stand bringen')
  .action(async () => {
    await withDatabase('planwerk migrate', async (database) => {
      const applied = await migrateToLatest(database.db);
      process.stdout.write(applied.length ? `Angewendet: ${applied.join(', ')}\n` : 'Die Datenbank ist bereits aktuell.\n');
    });
  });

program
  .command('config')
  .description('Alle Umgebungsvariablen mit Bedeutung und Vorgabe anzeigen und die aktuelle Konfiguration prüfen')
  .action(() => {
    for (const v of VARIABLES) process.stdout.write(`${v.name}\n    ${v.description}\n    Vorgabe: ${v.default}\n`);
    const result = loadConfig();
    if (!result.ok) {
      process.stderr.write('\nFehler in der aktuellen Konfiguration:\n');
      for (const error of result.errors) process.stderr.write(`  - ${error}\n`);
      process.exit(2);
    }
    process.stdout.write('\nDie aktuelle Konfiguration ist gültig.\n');
  });

const municipality = program.command('municipality').description('Gebietskörperschaften verwalten');
municipality
  .command('create')
  .description('Landkreis, kreisfreie Stadt oder die Landesebene anlegen')
  .requiredOption('--key <key>', 'amtlicher Schlüssel (5 Ziffern; Landesebene: 2 Ziffern)')
  .option('--name <name>', 'Name (bei Thüringer Schlüsseln optional)')
  .addOption(new Option('--kind <kind>', 'Art').choices([...TENANT_KINDS]))
  .action(async (options: { key: string; name?: string; kind?: TenantKind }) => {
    await withDatabase('planwerk municipality create', async (database) => {
      const known = findThuringianTenant(options.key);
      const name = options.name ?? known?.name;
      const kind = options.kind ?? known?.kind ?? (options.key.length === 2 ? 'state' : undefined);
      if (!name || !kind) {
        throw new CliError(`Für den Schlüssel ${options.key} bitte --name und --kind angeben (${TENANT_KINDS.join(', ')}).`);
      }
      const ctx = services();
      const tenant = await inTransaction(database.db, (r) =>
        createTenant({ ...r, clock: ctx.clock }, SYSTEM_CLI, { key: options.key, name, kind }),
      );
      process.stdout.write(`Angelegt: ${tenant.name} (${tenant.key})\n`);
    });
  });

const user = program.command('user').description('Konten verwalten');
user
  .command('create')
  .description('Konto anlegen (oder vorhandenes Konto hinzufügen) und einer Gebietskörperschaft mit Rolle zuordnen')
  .requiredOption('--email <email>', 'E-Mail-Adresse')
  .requiredOption('--municipality <key>', 'Schlüssel der Gebietskörperschaft (z. B. 16051; Landesebene: 16)')
  .addOption(new Option('--role <role>', 'Rolle').choices([...ROLES]).makeOptionMandatory())
  .option('--name <name>', 'Anzeigename')
  .action(async (options: { email: string; municipality: string; role: string; name?: string }) => {
    if (!isRole(options.role)) throw new CliError(`Unbekannte Rolle ${options.role}.`);
    const role = options.role;
    let password: string | undefined;
    if (process.stdin.isTTY) {
      password = await promptHidden('Passwort (mind. 12 Zeichen; leer lassen, um eines zu erzeugen): ');
      if (password !== '') {
        const again = await promptHidden('Passwort wiederholen: ');
        if (again !== password) throw new CliError('Die Passwörter stimmen nicht überein.');
      }
    }
    await withDatabase('planwerk user create', async (database) => {
      const ctx = services();
      const result = await inTransaction(database.db, async (r) => {
        if (!(await r.tenants.get(options.municipality))) {
          const known = findThuringianTenant(options.municipality);
          if (!known) {
            throw new CliError(
              `Die Gebietskörperschaft ${options.municipality} gibt es noch nicht. Legen Sie sie an: npx planwerk municipality create --key ${options.municipality} --name "…" --kind landkreis`,
            );
          }
          await createTenant({ ...r, clock: ctx.clock }, SYSTEM_CLI, known);
          process.stdout.write(`Gebietskörperschaft angelegt: ${known.name} (${known.key})\n`);
        }
        return addMember({ ...r, hasher: ctx.hasher, secrets: ctx.secrets, clock: ctx.clock }, SYSTEM_CLI, {
          tenantKey: options.municipality,
          email: options.email,
          role,
          displayName: options.name,
          password,
        });
      });
      process.stdout.write(
        result.createdAccount
          ? `Konto ${result.email} angelegt, Rolle ${result.role} in ${options.municipality}.\n`
          : `Vorhandenes Konto ${result.email} hat jetzt die Rolle ${result.role} in ${options.municipality}.\n`,
      );
      if (result.generatedPassword) process.stdout.write(`Passwort (wird nur jetzt angezeigt): ${result.generatedPassword}\n`);
    });
  });

program
  .command('import')
  .description('Datei importieren: GENESIS-/Regionalstatistik-CSV, CSV/XLSX, Zensus-Gitter, Shapefile, GeoPackage, GeoJSON')
  .argument('<file>', 'die Datei (Shapefile: .shp oder .zip)')
  .option('--municipality <key>', 'in diese Gebietskörperschaft importieren (ohne: Landesebene, für alle sichtbar)')
  .option('--mapping <file>', 'Spaltenzuordnung für CSV/XLSX als JSON (ohne: vorgeschlagene Zuordnung)')
  .option('--inspect', 'CSV/XLSX nur ansehen: Spalten, Beispielzeilen und vorgeschlagene Zuordnung ausgeben')
  .option('--valid-from <date>', 'Gebietsstand der Grenzen (JJJJ-MM-TT)')
  .option('--json', 'Zusammenfassung als JSON ausgeben')
  .action(
    async (
      file: string,
      options: { municipality?: string; mapping?: string; inspect?: boolean; validFrom?: string; json?: boolean },
    ) => {
      if (options.inspect) {
        const inspection = await inspectTable(file);
        process.stdout.write(`${JSON.stringify(inspection, null, 2)}\n`);
        return;
      }
      if (options.validFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.validFrom))
        throw new CliError('--valid-from erwartet ein Datum JJJJ-MM-TT.');
      const mapping = options.mapping ? (JSON.parse(await readFile(options.mapping, 'utf8')) as TableMapping) : undefined;
      await withDatabase('planwerk import', async (database) => {
        const tenantKey = options.municipality ?? null;
        if (tenantKey !== null && !(await repositories(database.db).tenants.get(tenantKey))) {
          throw new CliError(`Die Gebietskörperschaft ${tenantKey} gibt es nicht.`);
        }
        if (isRegisterSource(file)) {
          if (tenantKey === null)
            throw new CliError('Angebote (HSDS) werden in eine Gebietskörperschaft importiert: --municipality angeben.');
          const result = await importRegisterFile({ db: database.db, clock: systemClock }, SYSTEM_CLI, { file, tenantKey });
          process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : describeRegisterImport(result));
          return;
        }
        let lastShown = 0;
        const summary = await importFile({ db: database.db, clock: systemClock }, SYSTEM_CLI, {
          file,
          tenantKey,
          mapping,
          validFrom: options.validFrom,
          onStarted: (id) => process.stderr.write(`Import ${id} läuft …\n`),
          onProgress: (done) => {
            if (done - lastShown >= 100_000) {
              lastShown = done;
              process.stderr.write(`  ${done.toLocaleString('de-DE')} Werte gelesen\n`);
            }
          },
        });
        if (options.json) {
          const { format, variables, regions, observations, periods } = summary;
          process.stdout.write(
            `${JSON.stringify({ format, importId: summary.importId, unchanged: summary.unchanged, variables, regions, observations, periods }, null, 2)}\n`,
          );
          return;
        }
        if (summary.unchanged) {
          process.stdout.write(`Diese Datei wurde bereits importiert (Import ${summary.importId}); nichts geändert.\n`);
          return;
        }
        const c = summary.counts;
        process.stdout.write(
          `Import ${summary.importId} abgeschlossen (${summary.format}): ${summary.variables.length} Merkmale, ${summary.regions} Gebiete, ` +
            `${summary.observations.toLocaleString('de-DE')} Werte (${c.inserted.toLocaleString('de-DE')} neu, ${c.updated.toLocaleString('de-DE')} geändert, ${c.unchanged.toLocaleString('de-DE')} unverändert), ` +
            `Zeiträume: ${summary.periods.join(', ') || '–'}\n`,
        );
        for (const w of summary.warnings.slice(0, 20)) process.stdout.write(`  Hinweis: ${w}\n`);
        if (summary.warnings.length > 20) process.stdout.write(`  … und ${summary.warnings.length - 20} weitere Hinweise\n`);
      });
    },
  );

program
  .command('imports')
  .description('Importverlauf anzeigen')
  .option('--municipality <key>', 'Importe dieser Gebietskörperschaft (ohne: Landesebene)')
  .option('--json', 'als JSON ausgeben')
  .action(async (options: { municipality?: string; json?: boolean }) => {
    await withDatabase('planwerk imports', async (database) => {
      const rows = await repositories(database.db).imports.list(options.municipality ?? SHARED_SCOPE);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) process.stdout.write('Noch keine Importe.\n');
      for (const r of rows) {
        const when = r.startedAt.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
        process.stdout.write(
          `${r.id}\t${when}\t${r.status}\t${r.fileName}\t${r.counts ? `${r.counts.observations} Werte, ${r.counts.regions} Gebiete` : (r.error ?? '')}\n`,
        );
      }
    });
  });

program
  .command('rollback')
  .description('Einen Import zurücknehmen (ersetzte Werte werden wiederhergestellt)')
  .argument('<importId>', 'Nummer des Imports (siehe planwerk imports)')
  .action(async (importId: string) => {
    if (!/^\d+$/.test(importId)) throw new CliError(`„${importId}“ ist keine Importnummer.`);
    await withDatabase('planwerk rollback', async (database) => {
      const result = await rollBackImport(importDeps(database.db, systemClock), SYSTEM_CLI, Number(importId));
      process.stdout.write(
        `Import ${importId} zurückgenommen: ${result.deleted} Werte entfernt, ${result.restored} frühere Werte wiederhergestellt.\n`,
      );
    });
  });

program
  .command('territorial-change')
  .description('Gebietsänderung erfassen: Vorgänger → Nachfolger mit Anteil (z. B. Eisenach 16056 → 16063 am 2021-07-01)')
  .requiredOption('--from <key>', 'Schlüssel des Vorgängers')
  .requiredOption('--to <key=weight...>', 'Nachfolger mit Anteil, z. B. 16063=1 oder 16063=0.7 16064=0.3')
  .requiredOption('--date <date>', 'Tag der Änderung (JJJJ-MM-TT)')
  .option('--municipality <key>', 'für Gebiete dieser Gebietskörperschaft (ohne: Landesebene)')
  .action(async (options: { from: string; to: string[]; date: string; municipality?: string }) => {
    const successors = options.to.map((entry) => {
      const [key, weight] = entry.split('=');
      const w = Number((weight ?? '1').replace(',', '.'));
      if (!key || !Number.isFinite(w)) throw new CliError(`„${entry}“ hat nicht die Form SCHLÜSSEL=ANTEIL.`);
      return { key, weight: w };
    });
    await withDatabase('planwerk territorial-change', async (database) => {
      const result = await inTransaction(database.db, (r) =>
        recordTerritorialChange({ regions: r.regions, audit: r.audit, clock: systemClock }, SYSTEM_CLI, {
          tenantKey: options.municipality ?? null,
          date: options.date,
          predecessorKey: options.from,
          successors,
        }),
      );
      process.stdout.write(
        `Gebietsänderung erfasst: ${options.from} → ${successors.map((s) => `${s.key} (${s.weight.toLocaleString('de-DE')})`).join(', ')} am ${options.date}` +
          `${result.endedValidity ? `; ${options.from} gilt bis ${options.date}` : ''}.\n`,
      );
    });
  });

const LEVELS = ['bund', 'land', 'regierungsbezirk', 'kreis', 'gemeindeverband', 'gemeinde', 'planning_area'] as const;

program
  .command('variables')
  .description('Merkmale (Variablen) mit Einheit und Quelle auflisten')
  .option('--municipality <key>', 'zusätzlich die Merkmale dieser Gebietskörperschaft')
  .option('--json', 'als JSON ausgeben')
  .action(async (options: { municipality?: string; json?: boolean }) => {
    await withDatabase('planwerk variables', async (database) => {
      const rows = await listVariables(repositories(database.db), SYSTEM_CLI, options.municipality ?? null);
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify(
            rows.map((v) => ({
              key: v.key,
              label: v.label,
              unit: v.unit,
              source: v.source,
              attribution: v.attribution,
              scope: v.scope,
            })),
            null,
            2,
          )}\n`,
        );
        return;
      }
      if (rows.length === 0) process.stdout.write('Noch keine Merkmale. Daten importieren: npx planwerk import <datei>\n');
      for (const v of rows) process.stdout.write(`${v.key}\t${v.label} (${v.unit})\n`);
    });
  });

program
  .command('regions')
  .description('Gebiete einer Ebene mit Fläche (km²) und Mittelpunkt auflisten')
  .addOption(new Option('--level <level>', 'Ebene').choices([...LEVELS]).makeOptionMandatory())
  .option('--municipality <key>', 'zusätzlich die Planungsräume dieser Gebietskörperschaft')
  .option('--json', 'als JSON ausgeben')
  .action(async (options: { level: (typeof LEVELS)[number]; municipality?: string; json?: boolean }) => {
    await withDatabase('planwerk regions', async (database) => {
      const rows = await listAtlasRegions(repositories(database.db), SYSTEM_CLI, {
        level: options.level,
        tenantKey: options.municipality ?? null,
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const r of rows) {
        const area = r.areaKm2 === null ? '–' : `${r.areaKm2.toLocaleString('de-DE', { maximumFractionDigits: 2 })} km²`;
        process.stdout.write(`${r.key}\t${r.name}\t${area}${r.repaired ? '\t(Geometrie repariert)' : ''}\n`);
      }
    });
  });

program
  .command('values')
  .description('Werte eines Merkmals oder Indikators für einen Zeitraum ausgeben')
  .option('--variable <key>', 'Schlüssel des Merkmals (siehe planwerk variables)')
  .option('--indicator <key>', 'Schlüssel des Indikators (statt --variable)')
  .requiredOption('--period <period>', 'Zeitraum: Stichtag JJJJ-MM-TT oder Jahr JJJJ')
  .addOption(new Option('--level <level>', 'nur diese Ebene (für Indikatoren nötig)').choices([...LEVELS]))
  .option('--municipality <key>', 'zusätzlich die Daten dieser Gebietskörperschaft (und ihre Planungsräume)')
  .option('--gebietsstand <date>', 'Zählgrößen auf den Gebietsstand dieses Stichtags (JJJJ-MM-TT) umrechnen')
  .option('--breaks <spec>', 'Klassen bilden, z. B. quantile:5, equal_interval:4, jenks:5, standard_deviation:5, manual:10;20;30')
  .option('--geheimhaltung', 'Geheimhaltung anwenden (Fallzahlen unter 3 und rückrechenbare Werte sperren)')
  .option('--json', 'als JSON ausgeben')
  .action(
    async (options: {
      variable?: string;
      indicator?: string;
      period: string;
      level?: (typeof LEVELS)[number];
      municipality?: string;
      gebietsstand?: string;
      breaks?: string;
      geheimhaltung?: boolean;
      json?: boolean;
    }) => {
      if ((options.variable === undefined) === (options.indicator === undefined))
        throw new CliError('Bitte genau eines angeben: --variable <merkmal> oder --indicator <indikator>.');
      if (options.gebietsstand !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.gebietsstand))
        throw new CliError(`--gebietsstand erwartet ein Datum JJJJ-MM-TT, nicht „${options.gebietsstand}“.`);
      const breaks = options.breaks !== undefined ? parseBreakSpec(options.breaks) : undefined;
      await withDatabase('planwerk values', async (database) => {
        const result = await getValues(repositories(database.db), SYSTEM_CLI, {
          subject: options.indicator !== undefined ? { indicatorKey: options.indicator } : { variableKey: options.variable! },
          period: options.period,
          level: options.level ?? null,
          tenantKey: options.municipality ?? null,
          territoryDate: options.gebietsstand,
          breaks,
          confidential: options.geheimhaltung ?? false,
        });
        const bounds = result.classification?.classes;
        if (options.json) {
          const rows = result.rows.map(({ origin: _origin, ...r }) => ({
            ...r,
            ...(bounds && r.class !== undefined && r.class !== null
              ? { classBounds: [bounds[r.class]!.lower, bounds[r.class]!.upper] }
              : {}),
          }));
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        const number = (v: number) => v.toLocaleString('de-DE', { maximumFractionDigits: 2 });
        process.stdout.write(
          `${result.label} (${result.unit}), ${result.period}, Gebietsstand ${result.territoryDate}${result.suppressed > 0 ? `, ${result.suppressed} Werte gesperrt (Geheimhaltung)` : ''}\n`,
        );
        if (result.rows.length === 0) process.stdout.write(`Keine Werte für ${result.key} im Zeitraum ${options.period}.\n`);
        for (const r of result.rows) {
          const value = r.value === null ? (FLAG_SYMBOL[r.flag ?? ''] ?? '–') : number(r.value);
          const klass = r.class !== undefined && r.class !== null ? `\tKlasse ${r.class + 1}` : '';
          process.stdout.write(`${r.region}\t${r.name ?? ''}\t${value}${klass}${r.missing ? `\t(${r.missing})` : ''}\n`);
        }
        if (result.classification) {
          process.stdout.write('Klassen:\n');
          for (const c of result.classification.classes)
            process.stdout.write(`  ${c.index + 1}: ${number(c.lower)} bis ${number(c.upper)} (${c.count} Gebiete)\n`);
          for (const note of result.classification.notes) process.stdout.write(`  ${note}\n`);
        }
        process.stdout.write(`Quelle: ${[...new Set(result.sources.map((x) => x.attribution))].join('; ')}\n`);
      });
    },
  );

const reminders = program
  .command('reminders')
  .description('E-Mail-Erinnerungen an Anbieter-Konten zu überfälligen Angeboten (für cron o. ä.)');
reminders
  .command('send')
  .description('Jetzt senden: je Anbieter-Konto eine E-Mail mit seinen überfälligen Angeboten (höchstens einmal je Intervall)')
  .requiredOption('--municipality <key>', 'Schlüssel der Gebietskörperschaft, z. B. 16051')
  .option('--json', 'Ergebnis als JSON ausgeben')
  .action(async (options: { municipality: string; json?: boolean }) => {
    await withDatabase('planwerk reminders send', async (database) => {
      const config = requireConfig();
      if (!(await repositories(database.db).tenants.get(options.municipality)))
        throw new CliError(`Die Gebietskörperschaft ${options.municipality} gibt es nicht.`);
      const mailer = config.smtp ? smtpMailer(config.smtp) : null;
      try {
        const result = await runReminders(
          { db: database.db, config, clock: systemClock, mailer },
          SYSTEM_CLI,
          options.municipality,
        );
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else process.stdout.write(`${describeSentRun(result)}\n`);
        if (result.failedMails > 0) throw new CliError(describeFailedRun(result));
      } finally {
        mailer?.close();
      }
    });
  });
reminders
  .command('status')
  .description('Anzeigen, ob ein E-Mail-Server eingerichtet ist und wer jetzt erinnert würde')
  .requiredOption('--municipality <key>', 'Schlüssel der Gebietskörperschaft, z. B. 16051')
  .option('--json', 'als JSON ausgeben')
  .action(async (options: { municipality: string; json?: boolean }) => {
    await withDatabase('planwerk reminders status', async (database) => {
      const config = requireConfig();
      if (!(await repositories(database.db).tenants.get(options.municipality)))
        throw new CliError(`Die Gebietskörperschaft ${options.municipality} gibt es nicht.`);
      const status = await getReminderStatus(
        {
          stores: reminderStores(database.db),
          smtpConfigured: config.smtp !== undefined,
          intervalDays: config.reminderIntervalDays,
          clock: systemClock,
        },
        SYSTEM_CLI,
        { tenantKey: options.municipality },
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${status.smtpConfigured ? 'E-Mail-Server eingerichtet.' : 'Kein E-Mail-Server eingerichtet (PLANWERK_SMTP_URL): es wird nichts versendet.'}\n` +
          `Überfällig: ${status.overdue} Angebote (Prüffrist ${status.maxAgeDays} Tage), ${status.overdueWithProvider} mit Anbieter-Konto, ${status.overdueWithoutProvider} ohne.\n` +
          `Jetzt fällig: ${status.dueEntries} Erinnerungen an ${status.dueProviders} Anbieter (höchstens alle ${status.intervalDays} Tage je Angebot).\n`,
      );
    });
  });

/** GENESIS symbols for flags, as official tables print them. */
const FLAG_SYMBOL: Record<string, string> = {
  unknown_or_secret: '.',
  not_meaningful: 'x',
  unreliable: '/',
  later: '...',
  secret: '•',
  no_value: '–',
  suppressed: '.',
  missing: '–',
};

class CliError extends Error {}

/** The services a CLI write needs besides the database. */
function services() {
  return { hasher: argon2Hasher(), secrets: cryptoSecrets, clock: systemClock };
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof CliError ||
    error instanceof DomainError ||
    error instanceof DataDirLockedError ||
    error instanceof SyntaxError
  ) {
    process.stderr.write(`Fehler: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Unerwarteter Fehler: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
