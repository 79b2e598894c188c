import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database may be opened by one process at a time. A lock file in the data
 * directory records the holder's pid and command; a lock whose process is gone is stale
 * and taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly holder: string,
  ) {
    super(
      `Die eingebettete Datenbank in ${dataDir} wird gerade von Prozess ${pid} (${holder}) verwendet. ` +
        'Beenden Sie diesen Prozess (z. B. den laufenden Server) oder nutzen Sie einen PostgreSQL-Server über DATABASE_URL, ' +
        'auf den mehrere Prozesse gleichzeitig zugreifen können.',
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'planwerk.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Acquires the lock (creating the directory if needed) and returns a release function. */
export function lockDataDir(dataDir: string, holder: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const content = JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let existing: { pid?: number; holder?: string } = {};
      try {
        existing = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof existing;
      } catch {
        // Unreadable lock (e.g. torn write): treat as stale.
      }
      if (typeof existing.pid === 'number' && existing.pid !== process.pid && processAlive(existing.pid)) {
        throw new DataDirLockedError(dataDir, existing.pid, existing.holder ?? 'unbekannt');
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
