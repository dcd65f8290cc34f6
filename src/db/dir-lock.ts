import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

/**
 * Two processes writing one PGlite directory corrupt it, so the embedded database is
 * single-process: a lock file holds the owner's pid, and a stale lock (dead pid) is taken over.
 * Returns the function that releases the lock.
 */
export function acquireDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'samverkan.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by another Samverkan process (pid ${owner}). ` +
            `Stop that process first, or set DATABASE_URL to use PostgreSQL for several processes.`,
        );
      }
      if (owner === process.pid) {
        throw new DataDirLockedError(`The embedded database in ${dataDir} is already open in this process.`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
