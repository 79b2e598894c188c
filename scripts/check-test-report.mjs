// Reads Vitest's JSON report and fails unless the PostgreSQL pass and the browser tests
// ran; prints the closing line "N passed, N failed".
import fs from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
if (!fs.existsSync(file)) {
  console.error(`Kein Testbericht gefunden (${file}): die Tests sind nicht gelaufen.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const tests = report.testResults.flatMap((file) =>
  file.assertionResults.map((a) => ({ file: file.name, name: a.fullName, status: a.status })),
);
const passed = tests.filter((t) => t.status === 'passed');
const failed = tests.filter((t) => t.status === 'failed');
const problems = [];
if (!passed.some((t) => t.name.includes('[postgres]'))) problems.push('Kein Test lief gegen PostgreSQL ([postgres]).');
if (!passed.some((t) => t.name.includes('[pglite]'))) problems.push('Kein Test lief gegen PGlite ([pglite]).');
if (!passed.some((t) => t.file.includes('/tests/e2e/'))) problems.push('Keine Browser-Tests (tests/e2e) liefen.');
const skipped = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed');
if (skipped.length > 0) problems.push(`${skipped.length} Tests liefen nicht (übersprungen/ausstehend).`);
for (const p of problems) console.error(p);
console.log(`${passed.length} passed, ${failed.length + problems.length} failed`);
process.exit(failed.length > 0 || problems.length > 0 || report.success === false ? 1 : 0);
