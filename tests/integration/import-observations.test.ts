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

/** Observations of several variables, in batches, with lines counted from 2. */
function table(
  rows: readonly Omit<ParsedObservation, 'line'>[],
  variables: readonly VariableDefinition[],
  batchSize = 1000,
  failAfter?: number,
): ObservationDataset {
  const observations = rows.map((r, i) => ({ ...r, line: i + 2 }));
  return {
    format: 'test',
    described: () => ({ variables, regions: [] }),
    total: observations.length,
    batches: (async function* () {
      for (let i = 0; i < observations.length; i += batchSize) {
        if (failAfter !== undefined && i >= failAfter) throw new Error('Lesefehler in Zeile 4711 (Test)');
        yield observations.slice(i, i + batchSize);
      }
    })(),
  };
}

const variable = (key: string): VariableDefinition => ({ ...POPULATION, key, label: key });

/** `count` Gemeinden × the periods, one variable; values from `value`. */
function grid(variableKey: string, count: number, periods: readonly string[], value: (i: number) => number) {
  const rows: Omit<ParsedObservation, 'line'>[] = [];
  for (let r = 0; r < count; r++) {
    for (const period of periods) {
      rows.push({ variableKey, regionKey: `16${String(r).padStart(6, '0')}`, period, value: value(rows.length), flag: null });
    }
  }
  return rows;
}

describeEachEngine('the import write path (COPY, staging, merge)', (database) => {
  const deps = () => importDeps(database().db, systemClock);
  const stored = async (variableKey: string) =>
    new Map(
      (
        await database()
          .db.selectFrom('observations')
          .select(['region_key', 'period', 'value', 'flag', 'quality', 'import_id'])
          .where('scope', '=', 'shared')
          .where('variable_key', '=', variableKey)
          .execute()
      ).map((r) => [`${r.region_key}|${r.period}`, r]),
    );
  const journal = (id: number) =>
    database().db.selectFrom('imports').select(['status', 'error', 'progress']).where('id', '=', id).executeTakeFirstOrThrow();

  it('imports more than 50,000 rows in one transaction, reports progress and records it in the journal', async () => {
    // 13,000 Gemeinden × 5 periods = 65,000 rows, in batches of 10,000.
    const rows = grid('einwohner', 13_000, ['2019', '2020', '2021', '2022', '2023'], (i) => i + 0.5);
    const progress: number[] = [];
    const result = await importObservations(deps(), SYSTEM, {
      tenantKey: null,
      fileName: 'gross.csv',
      checksum: '1'.repeat(64),
      dataset: table(rows, [variable('einwohner')], 10_000),
      onProgress: (done) => progress.push(done),
    });
    expect(result.counts).toMatchObject({ observations: 65_000, inserted: 65_000, updated: 0, unchanged: 0 });
    expect(result.counts.periods).toEqual(['2019', '2020', '2021', '2022', '2023']);
    expect(progress).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 65_000]);
    const values = await stored('einwohner');
    expect(values.size).toBe(65_000);
    expect(values.get('16000000|2019')).toMatchObject({ value: 0.5, flag: null, import_id: result.importId });
    expect(values.get('16012999|2023')).toMatchObject({ value: 64_999.5 });
    // The progress update ran beside the transaction (on PGlite after it), the import is completed.
    expect(await journal(result.importId)).toMatchObject({ status: 'completed', progress: { done: 50_000 } });
  });

  it('re-imports changed data: only changed values are written, the old ones kept for rollback', async () => {
    const rows = grid('einwohner', 13_000, ['2019', '2020', '2021', '2022', '2023'], (i) => (i % 1000 === 7 ? i + 1 : i + 0.5));
    const before = await stored('einwohner');
    const result = await importObservations(deps(), SYSTEM, {
      tenantKey: null,
      fileName: 'gross-korrigiert.csv',
      checksum: '2'.repeat(64),
      dataset: table(rows, [variable('einwohner')], 10_000),
    });
    expect(result.counts).toMatchObject({ observations: 65_000, inserted: 0, updated: 65, unchanged: 64_935 });
    const after = await stored('einwohner');
    // Row 7 (0-based) is Gemeinde 16000001, 2021: 7.5 → 8; its neighbour 2022 stays 8.5.
    expect(after.get('16000001|2021')).toMatchObject({ value: 8, import_id: result.importId });
    expect(after.get('16000001|2022')).toMatchObject({ value: 8.5, import_id: before.get('16000001|2022')!.import_id });
    const kept = await database()
      .db.selectFrom('observations_superseded')
      .select(['value'])
      .where('superseded_by', '=', result.importId)
      .execute();
    expect(kept).toHaveLength(65);
    expect(kept.every((k) => Number.isInteger(k.value! - 0.5))).toBe(true);
    expect(await rollBackImport(deps(), SYSTEM, result.importId)).toEqual({ deleted: 65, restored: 65 });
    expect(await stored('einwohner')).toEqual(before);
  });

  it('mixes a variable that has values with a new one in one file', async () => {
    const row = (variableKey: string, regionKey: string, period: string, value: number) => ({
      variableKey,
      regionKey,
      period,
      value,
      flag: null,
    });
    await importObservations(deps(), SYSTEM, {
      tenantKey: null,
      fileName: 'bestand.csv',
      checksum: 'a1'.repeat(32),
      dataset: table(
        [row('bestand', '16051', '2023', 1), row('bestand', '16052', '2023', 2), row('bestand', '16053', '2023', 3)],
        [variable('bestand')],
      ),
    });
    // Rows of both kinds alternate, so that batches hold both.
    const rows = [
      row('bestand', '16051', '2023', 10), // changed
      row('haushalte', '16051', '2023', 100),
      row('bestand', '16052', '2023', 2), // unchanged
      row('haushalte', '16052', '2023', 200),
      row('bestand', '16053', '2023', 3), // unchanged
      row('haushalte', '16053', '2023', 300),
      row('bestand', '16051', '2024', 11), // new
      row('haushalte', '16051', '2024', 110),
      row('bestand', '16052', '2024', 21), // new
    ];
    const result = await importObservations(deps(), SYSTEM, {
      tenantKey: null,
      fileName: 'gemischt.csv',
      checksum: 'a2'.repeat(32),
      dataset: table(rows, [variable('bestand'), variable('haushalte')], 4),
    });
    expect(result.counts).toMatchObject({ observations: 9, inserted: 6, updated: 1, unchanged: 2 });
    expect((await stored('haushalte')).get('16053|2023')).toMatchObject({ value: 300, import_id: result.importId });
    expect((await stored('bestand')).get('16051|2023')).toMatchObject({ value: 10, import_id: result.importId });
    expect((await stored('bestand')).get('16052|2024')).toMatchObject({ value: 21 });
    expect(await rollBackImport(deps(), SYSTEM, result.importId)).toEqual({ deleted: 7, restored: 1 });
    expect((await stored('haushalte')).size).toBe(0);
    expect([...(await stored('bestand')).values()].map((v) => v.value).sort()).toEqual([1, 2, 3]);
  });

  it('keeps keys, flags and quality marks with tabs, backslashes, line breaks and umlauts exactly', async () => {
    const odd = 'Merkmal\tmit\\Tab\nund Zeilenumbruch – Ä';
    const rows: Omit<ParsedObservation, 'line'>[] = [
      { variableKey: odd, regionKey: '16051', period: '2022', value: -1.25e-7, flag: null, quality: 'e\\\t\r' },
      { variableKey: odd, regionKey: '16052', period: '2022', value: null, flag: 'unknown_or_secret' },
      { variableKey: odd, regionKey: '16053', period: '2022', value: 1e21, flag: null, quality: '\\N' },
    ];
    for (const checksum of ['4'.repeat(64), '5'.repeat(64)]) {
      await importObservations(deps(), SYSTEM, {
        tenantKey: null,
        fileName: 'sonderzeichen.csv',
        checksum,
        dataset: table(rows, [variable(odd)]),
      });
    }
    const values = await stored(odd);
    expect(values.get('16051|2022')).toMatchObject({ value: -1.25e-7, flag: null, quality: 'e\\\t\r' });
    expect(values.get('16052|2022')).toMatchObject({ value: null, flag: 'unknown_or_secret', quality: null });
    expect(values.get('16053|2022')).toMatchObject({ value: 1e21, quality: '\\N' });
    const second = await database()
      .db.selectFrom('imports')
      .select('counts')
      .where('checksum', '=', '5'.repeat(64))
      .executeTakeFirstOrThrow();
    expect(second.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('rejects a duplicate far apart in a large file with both lines and stores nothing', async () => {
    const rows = grid('neu', 12_000, ['2020', '2021'], (i) => i);
    rows.push({ ...rows[5]!, value: 99 });
    const attempt = importObservations(deps(), SYSTEM, {
      tenantKey: null,
      fileName: 'doppelt-gross.csv',
      checksum: '6'.repeat(64),
      dataset: table(rows, [variable('neu')], 10_000),
    });
    await expect(attempt).rejects.toThrow(
      'doppelt-gross.csv, Zeile 24002: Doppelte Angabe für Gebiet 16000002, Merkmal „neu“, Zeitraum 2021 (schon in Zeile 7).',
    );
    expect((await stored('neu')).size).toBe(0);
  });

  it('rolls everything back when reading fails after some batches, and the database stays usable', async () => {
    const rows = grid('abbruch', 5_000, ['2020', '2021', '2022'], (i) => i);
    const attempt = importObservations(deps(), SYSTEM, {
      tenantKey: null,
      fileName: 'abbruch.csv',
      checksum: '7'.repeat(64),
      dataset: table(rows, [variable('abbruch')], 2_000, 8_000),
    });
    await expect(attempt).rejects.toThrow('Lesefehler in Zeile 4711 (Test)');
    expect((await stored('abbruch')).size).toBe(0);
    const failed = await database()
      .db.selectFrom('imports')
      .select(['status', 'error'])
      .where('file_name', '=', 'abbruch.csv')
      .executeTakeFirstOrThrow();
    expect(failed).toEqual({ status: 'failed', error: 'Lesefehler in Zeile 4711 (Test)' });
  });

  it('runs two imports into one scope one after the other (scope lock)', async () => {
    const rows = grid('parallel', 4_000, ['2020', '2021'], (i) => i);
    const run = (checksum: string) =>
      importObservations(deps(), SYSTEM, {
        tenantKey: null,
        fileName: `parallel-${checksum[0]}.csv`,
        checksum,
        dataset: table(rows, [variable('parallel')], 1_000),
      });
    const [a, b] = await Promise.all([run('8'.repeat(64)), run('9'.repeat(64))]);
    // Whichever ran first inserted everything; the other found every value unchanged.
    expect([a.counts.inserted, b.counts.inserted].sort()).toEqual([0, 8_000]);
    expect(a.counts.unchanged + b.counts.unchanged).toBe(8_000);
    expect((await stored('parallel')).size).toBe(8_000);
  });
});

describeEachEngine('a national table names all its Gemeinden', (database) => {
  it('registers 11,000 new Gemeinden from one file (more than one statement may carry)', async () => {
    const count = 11_000;
    const rows = grid('einwohner_national', count, ['2023'], (i) => i);
    const regions = rows.map((r) => ({ key: r.regionKey, name: `Gemeinde ${r.regionKey}`, level: 'gemeinde' as const }));
    const dataset = table(rows, [variable('einwohner_national')], 5000);
    const result = await importObservations(importDeps(database().db, systemClock), SYSTEM, {
      tenantKey: null,
      fileName: 'bund.csv',
      checksum: '9'.repeat(64),
      dataset: { ...dataset, described: () => ({ variables: [variable('einwohner_national')], regions }) },
    });
    expect(result.counts).toMatchObject({ observations: count, inserted: count, regions: count });
    const stored = await database()
      .db.selectFrom('regions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('level', '=', 'gemeinde')
      .where('import_id', '=', result.importId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(count);
  });
});
