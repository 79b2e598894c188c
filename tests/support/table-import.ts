import type { TestClient } from './http-client.ts';

/** The small table of case counts that the confidentiality tests import: one Gemeinde with 2 cases. */
export const SMALL_COUNTS_CSV = [
  'ags;jahr;faelle;einwohner',
  '99001001;2024;2;800',
  '99001002;2024;7;900',
  '99001003;2024;15;1000',
  '99001004;2024;40;1200',
].join('\n');

/** Its column mapping: counts `test.faelle` and `test.einwohner` per Gemeinde and year. */
export const SMALL_COUNTS_MAPPING = {
  keyColumn: 'ags',
  periodColumn: 'jahr',
  variables: [
    { column: 'faelle', key: 'test.faelle', label: 'Fälle', unit: 'Anzahl', additive: true },
    { column: 'einwohner', key: 'test.einwohner', label: 'Einwohner', unit: 'Anzahl', additive: true },
  ],
};

/**
 * Uploads a CSV as a member of `tenantKey`, imports it with `mapping` through the upload API
 * (mapping step) and waits until the background import has ended; returns its final status.
 */
export async function importTableViaUpload(
  client: TestClient,
  tenantKey: string,
  fileName: string,
  csv: string,
  mapping: unknown,
): Promise<{ statusCode: number; body: string; status: string }> {
  const upload = await client.upload(`/api/tenants/${tenantKey}/imports`, fileName, Buffer.from(csv, 'utf8'));
  const { uploadId } = upload.json() as { uploadId: string };
  const started = await client.request('POST', `/api/tenants/${tenantKey}/uploads/${uploadId}/import`, { body: { mapping } });
  if (started.statusCode >= 300) return { statusCode: started.statusCode, body: started.body, status: 'rejected' };
  const { importId } = started.json() as { importId: number };
  let status = 'running';
  for (let i = 0; i < 200 && status === 'running'; i++) {
    status = ((await client.request('GET', `/api/tenants/${tenantKey}/imports/${importId}`)).json() as { status: string }).status;
    if (status === 'running') await new Promise((r) => setTimeout(r, 50));
  }
  return { statusCode: started.statusCode, body: started.body, status };
}
