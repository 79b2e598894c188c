import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runCli } from '../support/process.ts';

const HSDS1 = path.resolve('../shared/data/hsds/hsds1_sample_datapackage');

/** `planwerk import` recognises an HSDS data package and imports it into the register of --municipality. */
describe('planwerk import of an HSDS package on the embedded database [pglite]', { timeout: 300_000 }, () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-hsds-cli-'));
    env = childEnv({ PLANWERK_DATA_DIR: dataDir });
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports the folder into the municipality, and a second run changes nothing', async () => {
    const created = await runCli(['municipality', 'create', '--key', '16051'], env);
    expect(created.code, created.stderr).toBe(0);
    const withoutMunicipality = await runCli(['import', HSDS1], env);
    expect(withoutMunicipality.code).toBe(1);
    expect(withoutMunicipality.stderr).toContain(
      'Angebote (HSDS) werden in eine Gebietskörperschaft importiert: --municipality angeben.',
    );

    const first = await runCli(['import', HSDS1, '--municipality', '16051'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Import \d+ abgeschlossen \(hsds-csv\): 10 Träger, 13 Angebote, 10 Standorte \(46 neu, 0 geändert, 0 unverändert\); 9 Standorte ohne Koordinaten \(auf der Karte zu setzen\)\.$/m,
    );
    const second = await runCli(['import', HSDS1, '--municipality', '16051'], env);
    expect(second.stdout).toMatch(/^Dieses Paket wurde bereits importiert \(Import \d+\); nichts geändert\.$/m);
  });
});
