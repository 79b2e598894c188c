import fs from 'node:fs';
import { readGenesisCsv } from './genesis-csv.ts';
const file = process.argv[2] as string;
const t = performance.now();
let n = 0;
const size = fs.statSync(file).size;
const reader = readGenesisCsv(fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
  fileName: 'x.csv',
  tableCode: '1000A-0000',
  batchSize: 50_000,
  totalBytes: size,
});
for await (const b of reader) n += b.length;
console.log(
  'ours',
  n,
  ((performance.now() - t) / 1000).toFixed(1),
  's',
  'rss',
  Math.round(process.memoryUsage().rss / 1e6),
  'MB',
);
