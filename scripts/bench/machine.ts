/** The machine and software a benchmark ran on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery } from './databases.ts';

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  pglite: string;
}

export async function describeMachine(): Promise<Machine> {
  const pg = await adminQuery<{ v: string }>(`select current_setting('server_version') as v`);
  const pgliteManifest = path.resolve(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json');
  const pglite = (JSON.parse(readFileSync(pgliteManifest, 'utf8')) as { version: string }).version;
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    postgres: pg.rows[0]!.v,
    pglite,
  };
}
