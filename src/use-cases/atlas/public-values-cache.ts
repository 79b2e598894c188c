import type { ValuesResult } from './get-values.ts';

/** The data version: a counter the database raises in every committed transaction that changes atlas data. */
export interface DataVersionSource {
  /** The current version (one tiny query). */
  current(): Promise<number>;
}

/** Bounds of the cache: at most this many results and this many (estimated) bytes. */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
}

/** Defaults: 200 results or 64 MB, whichever is reached first (a national Gemeinde map is about 2 MB). */
export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 200, maxBytes: 64 * 1024 * 1024 };

interface Entry<T> {
  result: T;
  bytes: number;
}

/**
 * In-process cache of computed public results (values, region shapes), valid for one data version. Every read first
 * asks the database for the version (requests share a query that is sent after all of them
 * arrived, so none sees a version older than its own arrival); a newer version empties the cache, so a result computed before a change is never
 * served after it. Least recently used results go first when a limit is reached. Cached
 * results are shared between requests and must not be modified.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private bytes = 0;
  private version = -1;
  private queued: Promise<number> | null = null;
  private running: Promise<void> | null = null;
  /** Reads answered from the cache and reads that had to compute, since the start. */
  readonly stats = { hits: 0, misses: 0, versionQueries: 0 };

  constructor(
    private readonly versions: DataVersionSource,
    private readonly limits: CacheLimits,
    /** Rough size of a kept result in bytes. */
    private readonly estimate: (result: T) => number,
  ) {}

  /**
   * The current data version, from a query that starts after this call. At most one query
   * runs at a time: calls made meanwhile share the next one, which starts when it ends.
   */
  currentVersion(): Promise<number> {
    if (this.queued) return this.queued;
    const before = this.running ?? new Promise<void>((resolve) => setImmediate(resolve));
    const queued = before.then(() => {
      this.queued = null;
      this.stats.versionQueries++;
      const query = this.versions.current();
      const running = query.then(
        () => undefined,
        () => undefined,
      );
      this.running = running;
      void running.then(() => {
        if (this.running === running) this.running = null;
      });
      return query;
    });
    this.queued = queued;
    return queued;
  }

  /** The cached result for `key` computed at `version`, or undefined. */
  get(key: string, version: number): T | undefined {
    this.observe(version);
    const entry = version === this.version ? this.entries.get(key) : undefined;
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    // Map order is the recency order: move the entry to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits++;
    return entry.result;
  }

  /** Keeps `result`, computed after `version` was read; results of an outdated version are dropped. */
  set(key: string, version: number, result: T): void {
    this.observe(version);
    if (version !== this.version) return;
    const bytes = this.estimate(result);
    if (bytes > this.limits.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { result, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  /** Number of cached results and their estimated size in bytes. */
  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private observe(version: number): void {
    if (version > this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
  }
}

/** The cache of computed public values (see {@link VersionedCache}). */
export class PublicValuesCache extends VersionedCache<ValuesResult> {
  constructor(versions: DataVersionSource, limits: CacheLimits = DEFAULT_CACHE_LIMITS) {
    super(versions, limits, estimateBytes);
  }
}

/** Rough size of a result in memory (UTF-16 strings plus a fixed overhead per row), in bytes. */
export function estimateBytes(result: ValuesResult): number {
  let bytes = 1024 + 2 * (result.label.length + result.key.length);
  for (const r of result.rows)
    bytes += 96 + 2 * (r.region.length + (r.name?.length ?? 0) + (r.flag?.length ?? 0) + (r.missing?.length ?? 0));
  for (const s of result.sources)
    bytes += 64 + 2 * (s.label.length + s.source.length + s.licence.length + s.attribution.length + s.variable.length);
  return bytes;
}
