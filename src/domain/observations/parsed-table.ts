/**
 * The result of reading a statistics table (GENESIS CSV, generic CSV or XLSX): variables,
 * regions, observations and what the file said about itself.
 */
import type { ParsedObservation, ParsedRegion, VariableDefinition } from './observation.ts';

/** Which parser read the file. */
export type TableFormat = 'genesis-table' | 'genesis-flat' | 'csv' | 'xlsx';

/** Text encodings the CSV readers tell apart (`windows-1252` covers ISO-8859-1). */
export type TextEncoding = 'utf-8' | 'windows-1252';

/** What a file says about itself; fields a format does not have stay undefined. */
export interface TableMeta {
  /** File name used in messages. */
  fileName: string;
  encoding?: TextEncoding;
  delimiter?: string;
  /** XLSX sheet that was read. */
  sheet?: string;
  /** GENESIS table code, e.g. `11111-01-01-4` or `1000A-0000`. */
  tableCode?: string;
  /** Title lines of the GENESIS header block, joined. */
  title?: string;
  /** `regionale Tiefe` of a GENESIS table, e.g. `Kreise und krfr. Städte`. */
  regionalDepth?: string;
  /** `Stand:` line of the footer as printed, e.g. `21.03.2020 / 13:36:11`. */
  stand?: string;
  /** Footnotes of the footer (quoted blocks), verbatim. */
  notes?: string[];
  source: string;
  /** Licence identifier, e.g. `dl-de/by-2-0`. */
  licence: string;
  attribution: string;
}

/** Everything about a parsed table except the observations themselves. */
export interface TableSummary {
  format: TableFormat;
  meta: TableMeta;
  variables: VariableDefinition[];
  /** Regions in order of first appearance, one entry per key. */
  regions: ParsedRegion[];
  /** Sorted periods that occur in the observations. */
  periods: string[];
  /** Things the user should know that did not stop the import (German). */
  warnings: string[];
  observationCount: number;
  /**
   * GENESIS tables: keys of regions whose every value is `-`. GENESIS prints `-` both for an
   * observed zero and for regions that did not exist at the reference date (old Kreise, Eisenach
   * 16056 after 2021-07-01); the values are read as zero and the import may want to drop them.
   */
  dashOnlyRegions?: string[];
}

/** A table read completely into memory. */
export interface ParsedTable extends TableSummary {
  observations: ParsedObservation[];
}

/** Called while reading: bytes consumed so far and the file size when known. */
export type ProgressCallback = (bytesRead: number, totalBytes?: number) => void;

/**
 * A table read as a stream: iterate to get batches of observations; `summary` is available
 * once the iteration has finished and throws before. A file that turns out to be malformed
 * throws an `ImportError` during iteration, so batches already received must be discarded.
 */
export interface TableReader extends AsyncIterable<ParsedObservation[]> {
  readonly summary: TableSummary;
}

/** Reads a table record by record (cells of type `C`), writing observations to a sink. */
export interface RowInterpreter<C = string> {
  /** Reads one record (cells as parsed, untrimmed) at its 1-based line; appends observations to `out`. */
  push(cells: readonly C[], line: number, out: ParsedObservation[]): void;
  /** Ends the table: appends held-back observations to `out` and returns the summary. */
  finish(out: ParsedObservation[]): TableSummary;
}
