/**
 * Byte streams to CSV records: encoding detection (UTF-8 with or without BOM, else
 * Windows-1252 / ISO-8859-1), tokenising with csv-parse, 1-based line numbers, progress, and
 * the reader that feeds records to a row interpreter in batches.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { CsvError, parse, type Options } from 'csv-parse';
import { ImportError } from '../../domain/observations/import-error.ts';
import type { ParsedObservation } from '../../domain/observations/observation.ts';
import type {
  ProgressCallback,
  RowInterpreter,
  TableReader,
  TableSummary,
  TextEncoding,
} from '../../domain/observations/parsed-table.ts';

/** Bytes read before deciding encoding and delimiter. */
export const SAMPLE_BYTES = 64 * 1024;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Length of an incomplete UTF-8 sequence at the end of `buf` (0–3 bytes). */
function incompleteUtf8Tail(buf: Buffer): number {
  const end = buf.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const b = buf[i] as number;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return 0;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return end - i < needed ? end - i : 0;
  }
  return 0;
}

/**
 * The encoding of a file's first bytes: UTF-8 with a BOM; UTF-8 when the bytes are valid UTF-8
 * and contain non-ASCII characters; Windows-1252 (a superset of ISO-8859-1's printable
 * characters) when they are not valid UTF-8; `undefined` for pure ASCII (still open).
 */
export function detectEncoding(sample: Buffer): TextEncoding | undefined {
  if (sample.subarray(0, 3).equals(BOM)) return 'utf-8';
  if (isAscii(sample)) return undefined;
  return isUtf8(sample.subarray(0, sample.length - incompleteUtf8Tail(sample))) ? 'utf-8' : 'windows-1252';
}

/** Decodes a sample for inspection (no BOM in the result). */
export function decodeSample(sample: Buffer, encoding: TextEncoding | undefined): string {
  if (encoding === 'windows-1252') return iconv.decode(sample, 'win1252');
  const text = new TextDecoder('utf-8').decode(sample);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Turns file bytes into UTF-8 bytes for csv-parse: strips a BOM, passes UTF-8 through after
 * checking it, converts Windows-1252. Pure ASCII keeps the decision open until the first other
 * byte. UTF-8 that turns invalid later fails with an {@link ImportError}.
 */
export class Utf8Normaliser extends Transform {
  encoding: TextEncoding | undefined;
  bytesRead = 0;
  private carry: Buffer | undefined;
  private first = true;
  private readonly decoder = iconv.getDecoder('win1252');

  constructor(
    private readonly fileName: string,
    encoding: TextEncoding | undefined,
  ) {
    super();
    this.encoding = encoding;
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, callback: TransformCallback): void {
    let data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytesRead += data.length;
    if (this.first) {
      this.first = false;
      if (data.subarray(0, 3).equals(BOM)) {
        data = data.subarray(3);
        this.encoding = 'utf-8';
      }
    }
    try {
      this.convert(data);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry && this.carry.length > 0) {
      callback(new ImportError(this.fileName, null, null, 'Die Datei endet mitten in einem UTF-8-Zeichen.'));
      return;
    }
    if (this.encoding === 'windows-1252') {
      const rest = this.decoder.end();
      if (rest) this.push(Buffer.from(rest, 'utf8'));
    }
    callback();
  }

  private convert(data: Buffer): void {
    if (this.encoding === undefined) {
      if (isAscii(data)) {
        this.push(data);
        return;
      }
      this.encoding = detectEncoding(data) ?? 'utf-8';
    }
    if (this.encoding === 'windows-1252') {
      this.push(Buffer.from(this.decoder.write(data), 'utf8'));
      return;
    }
    const all = this.carry ? Buffer.concat([this.carry, data]) : data;
    const tail = incompleteUtf8Tail(all);
    const body = all.subarray(0, all.length - tail);
    if (!isUtf8(body)) {
      throw new ImportError(
        this.fileName,
        null,
        null,
        `Die Datei ist nicht einheitlich UTF-8-kodiert (ungültige Bytefolge nach etwa ${this.bytesRead - data.length} Bytes).`,
      );
    }
    this.carry = tail > 0 ? Buffer.from(all.subarray(all.length - tail)) : undefined;
    this.push(body);
  }
}

/** Bytes of a stream's start plus a stream that still yields everything from the beginning. */
export async function peekStream(input: Readable, size = SAMPLE_BYTES): Promise<{ sample: Buffer; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let total = 0;
  let done = false;
  while (total < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    head.push(chunk);
    total += chunk.length;
  }
  const sample = Buffer.concat(head);
  async function* replay(): AsyncGenerator<Buffer> {
    if (sample.length > 0) yield sample;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    }
  }
  const stream = Readable.from(replay(), { objectMode: false });
  stream.once('close', () => {
    if (!input.destroyed) input.destroy();
  });
  return { sample, stream };
}

/**
 * A csv-parse error as {@link ImportError}; `recordLine` is where the failing record starts,
 * `lineOffset` the number of synthetic lines in front of the file.
 */
function csvErrorToImportError(fileName: string, error: CsvError, recordLine: number, lineOffset: number): ImportError {
  const line = typeof error.lines === 'number' ? error.lines - lineOffset : null;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ImportError(
        fileName,
        recordLine,
        null,
        'Das Anführungszeichen in dieser Zeile wird bis zum Dateiende nicht geschlossen.',
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new ImportError(fileName, line, null, 'Nach einem schließenden Anführungszeichen folgt ein unerwartetes Zeichen.');
    default:
      return new ImportError(fileName, line, null, `Die CSV-Datei ist fehlerhaft (${error.message}).`);
  }
}

/** Options of {@link readCsvWithInterpreter}. */
export interface CsvReadOptions {
  fileName: string;
  delimiter: string;
  /** Forced encoding; detected from the sample when absent. */
  encoding?: TextEncoding;
  /** Observations per batch (default 10,000). */
  batchSize?: number;
  onProgress?: ProgressCallback;
  totalBytes?: number;
  /** Typical number of fields per record and the line ending, from {@link sampleShape}. */
  shape?: SampleShape;
}

/** What the reader found out about the file's bytes. */
export interface CsvFileInfo {
  encoding: TextEncoding | undefined;
  bytesRead: number;
}

/** The most frequent number of fields per line of a sample and its line ending. */
export interface SampleShape {
  fields: number;
  lineEnding: '\n' | '\r\n';
}

/** Estimates the shape of a CSV from a decoded sample (quotes respected within a line). */
export function sampleShape(sample: string, delimiter: string): SampleShape {
  const lineEnding = /\r\n/.test(sample.slice(0, 4096)) ? '\r\n' : '\n';
  const counts = new Map<number, number>();
  const lines = sample.split('\n');
  lines.pop();
  for (const line of lines) {
    let quoted = false;
    let fields = 1;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"') quoted = !quoted;
      else if (c === delimiter && !quoted) fields++;
    }
    counts.set(fields, (counts.get(fields) ?? 0) + 1);
  }
  let fields = 1;
  let best = 0;
  for (const [n, c] of counts) if (c > best || (c === best && n > fields)) [fields, best] = [n, c];
  return { fields, lineEnding };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Tokenises a CSV stream with csv-parse and feeds every record with its 1-based start line to
 * `interpreter`; yields the observations in batches and returns the interpreter's summary.
 * Destroys the input when the consumer stops early or an error occurs.
 */
export async function* readCsvWithInterpreter(
  input: Readable,
  interpreter: RowInterpreter,
  options: CsvReadOptions,
  info: CsvFileInfo,
): AsyncGenerator<ParsedObservation[], TableSummary> {
  const batchSize = options.batchSize ?? 10_000;
  const normaliser = new Utf8Normaliser(options.fileName, options.encoding);
  // autoDestroy off: when csv-parse fails at the end of the file (an unclosed quote), the records
  // parsed before are still delivered, so the failing record's line is known exactly.
  const parserOptions: Options & { autoDestroy: boolean } = {
    delimiter: options.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    autoDestroy: false,
  };
  const parser = parse(parserOptions);
  // csv-parse takes the first record's length as the norm and builds an error object (with a
  // stack trace) for every record that differs, which is slow when a title line comes first.
  // A synthetic first record with the typical field count sets the norm; it is dropped below.
  const shape = options.shape;
  if (shape) parser.write(Buffer.from(options.delimiter.repeat(shape.fields - 1) + shape.lineEnding, 'utf8'));
  input.on('error', (error) => parser.destroy(error));
  normaliser.on('error', (error) => parser.destroy(error));
  input.pipe(normaliser).pipe(parser);

  // Records are handled synchronously in the 'data' listener (no promise per record); the
  // parser is paused whenever a batch is full until the consumer asks for the next one.
  const ready: ParsedObservation[][] = [];
  let batch: ParsedObservation[] = [];
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  let skipSynthetic = shape !== undefined;
  const lineOffset = shape ? 1 : 0;
  let nextLine = 1;
  const handle = (record: string[]) => {
    if (skipSynthetic) {
      skipSynthetic = false;
      return;
    }
    const line = nextLine;
    nextLine++;
    // Quoted fields may span lines (GENESIS footnotes); count them for the next record's line.
    for (let i = 0; i < record.length; i++)
      if ((record[i] as string).indexOf('\n') !== -1) nextLine += countNewlines(record[i] as string);
    interpreter.push(record, line, batch);
    if (batch.length >= batchSize) {
      ready.push(batch);
      batch = [];
      parser.pause();
      notify();
    }
  };
  parser.on('data', (record: string[]) => {
    if (failure !== undefined) return;
    try {
      handle(record);
    } catch (error) {
      failure = error;
      parser.pause();
      notify();
    }
  });
  parser.on('end', () => {
    ended = true;
    notify();
  });
  parser.on('error', (error) => {
    if (failure === undefined) {
      // Records parsed before the error still count (the line of an unclosed quote).
      try {
        for (let record = parser.read() as string[] | null; record !== null; record = parser.read() as string[] | null)
          handle(record);
        failure = error instanceof CsvError ? csvErrorToImportError(options.fileName, error, nextLine, lineOffset) : error;
      } catch (handled) {
        failure = handled;
      }
    }
    notify();
  });

  const report = () => {
    info.encoding = normaliser.encoding;
    info.bytesRead = normaliser.bytesRead;
    options.onProgress?.(normaliser.bytesRead, options.totalBytes);
  };
  let finished = false;
  try {
    for (;;) {
      while (ready.length > 0) {
        report();
        yield ready.shift() as ParsedObservation[];
      }
      if (failure !== undefined) throw failure;
      if (ended) break;
      const waiting = new Promise<void>((resolve) => (wake = resolve));
      if (parser.isPaused()) parser.resume();
      await waiting;
    }
    const summary = interpreter.finish(batch);
    report();
    if (batch.length > 0) yield batch;
    finished = true;
    return summary;
  } finally {
    if (!finished) {
      parser.destroy();
      normaliser.destroy();
      input.destroy();
    }
  }
}

/**
 * A {@link TableReader} over a generator of batches: iterating runs the generator once;
 * `summary` is its return value.
 */
export class GeneratorTableReader implements TableReader {
  private result: TableSummary | undefined;
  private used = false;

  constructor(private readonly run: () => AsyncGenerator<ParsedObservation[], TableSummary>) {}

  get summary(): TableSummary {
    if (this.result === undefined) throw new Error('Die Zusammenfassung gibt es erst, wenn die Tabelle vollständig gelesen ist.');
    return this.result;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ParsedObservation[]> {
    if (this.used) throw new Error('Eine Tabelle kann nur einmal gelesen werden.');
    this.used = true;
    const generator = this.run();
    let done = false;
    try {
      for (;;) {
        const next = await generator.next();
        if (next.done) {
          done = true;
          this.result = next.value;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!done) await generator.return(undefined as never);
    }
  }
}

/** Reads a whole {@link TableReader} into memory. */
export async function collectTable(reader: TableReader): Promise<TableSummary & { observations: ParsedObservation[] }> {
  const observations: ParsedObservation[] = [];
  for await (const batch of reader) for (const o of batch) observations.push(o);
  return { ...reader.summary, observations };
}
