import { expect, it } from 'vitest';
import type { ParsedObservation, VariableDefinition } from '../../src/domain/observations/observation.ts';
import { ImportError } from '../../src/domain/observations/import-error.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { importObservations, type ObservationDataset } from '../../src/use-cases/atlas/import-observations.ts';
import { rollBackImport } from '../../src/use-cases/atlas/roll-back-import.ts';
import { importDeps } from '../../src/server/compose.ts';
import { describeEachEngine } from '../support/database.ts';

const SYSTEM: Actor = { kind: 'system', label: 'Test' };
const POPULATION: VariableDefinition = {
  key: 'bevoelkerung',
  label: 'Bevölkerung',
  unit: 'Anzahl',
  source: 'Test',
  licence: 'dl-de/by-2-0',
  attribution: '© Statistische Ämter des Bundes und der Länder',
  additive: true,
};

function dataset(rows: Omit<ParsedObservation, 'line' | 'variableKey'>[], batchSize = 2): ObservationDataset {
  const observations = rows.map((r, i) => ({ ...r, variableKey: POPULATION.key, line: i + 2 }));
  return {
    format: 'test',
    described: () => ({
      variables: [POPULATION],
      regions: [
        { key: '16', name: 'Thüringen', level: 'land' },
        { key: '16051', name: 'Erfurt, Stadt', level: 'kreis' },
        { key: '16052', name: 'Gera, Stadt', level: 'kreis' },
      ],
    }),
    total: observations.length,
    batches: (async function* () {
      for (let i = 0; i < observations.length; i += batchSize) yield observations.slice(i, i + batchSize);
    })(),
  };
}

const FIRST = [
  { regionKey: '16', period: '2022-12-31', value: 2_100_000, flag: null },
  { regionKey: '16051', period: '2022-12-31', value: 213_692, flag: null },
  { regionKey: '16052', period: '2022-12-31', value: null, flag: 'unknown_or_secret' as const },
];

describeEachEngine('importing observations', (database) => {
  const values = async () =>
    (
      await database()
        .db.selectFrom('observations')
        .select(['region_key', 'value', 'flag', 'import_id'])
        .where('scope', '=', 'shared')
        .orderBy('region_key')
        .execute()
    ).map((r) => [r.region_key, r.value, r.flag]);

  let firstId = 0;
  let secondId = 0;

  it('stores a file in one go and records it in the journal', async () => {
    const result = await importObservations(importDeps(database().db, systemClock), SYSTEM, {
      tenantKey: null,
      fileName: 'bevoelkerung.csv',
      checksum: 'a'.repeat(64),
      dataset: dataset(FIRST),
    });
    firstId = result.importId;
    expect(result.counts).toEqual({
      variables: 1,
      regions: 3,
      observations: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      periods: ['2022-12-31'],
    });
    expect(await values()).toEqual([
      ['16', 2_100_000, null],
      ['16051', 213_692, null],
      ['16052', null, 'unknown_or_secret'],
    ]);
  });

  it('changes nothing when the same file comes again', async () => {
    const again = await importObservations(importDeps(database().db, systemClock), SYSTEM, {
      tenantKey: null,
      fileName: 'bevoelkerung-kopie.csv',
      checksum: 'a'.repeat(64),
      dataset: dataset(FIRST),
    });
    expect(again).toMatchObject({ importId: firstId, unchanged: true });
    const sameContent = await importObservations(importDeps(database().db, systemClock), SYSTEM, {
      tenantKey: null,
      fileName: 'bevoelkerung-neu-gespeichert.csv',
      checksum: 'b'.repeat(64),
      dataset: dataset(FIRST),
    });
    expect(sameContent.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    await rollBackImport(importDeps(database().db, systemClock), SYSTEM, sameContent.importId);
    expect(await values()).toHaveLength(3);
  });

  it('replaces changed values and restores them on rollback', async () => {
    const result = await importObservations(importDeps(database().db, systemClock), SYSTEM, {
      tenantKey: null,
      fileName: 'bevoelkerung-korrigiert.csv',
      checksum: 'c'.repeat(64),
      dataset: dataset([
        { regionKey: '16051', period: '2022-12-31', value: 213_981, flag: null },
        { regionKey: '16052', period: '2022-12-31', value: 92_126, flag: null },
        { regionKey: '16052', period: '2023-12-31', value: 91_000, flag: null },
      ]),
    });
    secondId = result.importId;
    expect(result.counts).toMatchObject({ inserted: 1, updated: 2, unchanged: 0 });

    // The first import cannot be taken back while the second replaced its values.
    await expect(rollBackImport(importDeps(database().db, systemClock), SYSTEM, firstId)).rejects.toThrow(
      `Spätere Importe (${secondId}) haben Werte dieses Imports ersetzt. Nehmen Sie zuerst diese zurück.`,
    );
    expect(await rollBackImport(importDeps(database().db, systemClock), SYSTEM, secondId)).toEqual({ deleted: 3, restored: 2 });
    expect(await values()).toEqual([
      ['16', 2_100_000, null],
      ['16051', 213_692, null],
      ['16052', null, 'unknown_or_secret'],
    ]);
    expect(await rollBackImport(importDeps(database().db, systemClock), SYSTEM, firstId)).toEqual({ deleted: 3, restored: 0 });
    expect(await values()).toEqual([]);
    const regions = await database().db.selectFrom('regions').select('key').where('import_id', '=', firstId).execute();
    expect(regions).toEqual([]);
  });

  it('rejects a file with a duplicate entry, names both lines and stores nothing', async () => {
    const attempt = importObservations(importDeps(database().db, systemClock), SYSTEM, {
      tenantKey: null,
      fileName: 'doppelt.csv',
      checksum: 'd'.repeat(64),
      dataset: dataset(
        [
          { regionKey: '16051', period: '2022-12-31', value: 1, flag: null },
          { regionKey: '16052', period: '2022-12-31', value: 2, flag: null },
          { regionKey: '16051', period: '2022-12-31', value: 3, flag: null },
        ],
        2,
      ),
    });
    await expect(attempt).rejects.toBeInstanceOf(ImportError);
    await expect(attempt).rejects.toThrow(
      'doppelt.csv, Zeile 4: Doppelte Angabe für Gebiet 16051, Merkmal „bevoelkerung“, Zeitraum 2022-12-31 (schon in Zeile 2).',
    );
    // The first batch had already been written inside the transaction: it is gone too.
    expect(await values()).toEqual([]);
    const journal = await database()
      .db.selectFrom('imports')
      .select(['status', 'error'])
      .where('file_name', '=', 'doppelt.csv')
      .executeTakeFirstOrThrow();
    expect(journal.status).toBe('failed');
    expect(journal.error).toContain('Zeile 4');
  });

  it('lets only planners import into a municipality', async () => {
    const viewer: Actor = {
      kind: 'user',
      userId: '00000000-0000-4000-8000-000000000001',
      email: 'lesen@musterland.example',
      memberships: [{ tenantKey: '99001', tenantKind: 'landkreis', tenantName: 'Landkreis Musterland', role: 'viewer' }],
    };
    await expect(
      importObservations(importDeps(database().db, systemClock), viewer, {
        tenantKey: '99001',
        fileName: 'x.csv',
        checksum: 'e'.repeat(64),
        dataset: dataset(FIRST),
      }),
    ).rejects.toThrow('Für den Import fehlen Ihnen die nötigen Rechte (Rolle Planung).');
  });
});
