import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';

/**
 * Prepares migrated database templates once per run: a PGlite data-directory dump (loading
 * it takes ~2 s instead of ~6 s for a fresh instance plus migrations) and, when
 * DATABASE_URL is set, a PostgreSQL template database that test files clone.
 */
export default async function setup(project: TestProject) {
  process.env.TZ = 'Europe/Berlin';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-test-'));
  const dumpFile = path.join(dir, 'template.tar.gz');
  const pglite = await openDatabase({ engine: 'pglite', memory: true });
  await migrateToLatest(pglite.db);
  const dump = await pglite.pglite!.dumpDataDir('gzip');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', dumpFile);

  let templateName = '';
  const url = process.env.DATABASE_URL;
  if (url) {
    templateName = `planwerk_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${templateName}`;
    const database = await openDatabase({ engine: 'postgres', url: templateUrl.toString(), poolSize: 1 });
    await migrateToLatest(database.db);
    await database.close();
  }
  project.provide('postgresTemplate', templateName);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && templateName) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${templateName}`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
