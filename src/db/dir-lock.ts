import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

/** Who holds the lock: the pid alone is not enough, since a pid is reused (a restarted container is pid 24 again). */
interface Owner { pid: number; start: string | null; boot: string | null }

/**
 * Two processes writing one PGlite directory corrupt it, so the embedded database is
 * single-process. The lock file names its owner by pid *and* the process's start time and the
 * machine's boot id (from /proc), so a lock left by a dead process is recognised as stale even
 * when its pid now belongs to another program, or to this very process in a fresh pid namespace,
 * and nobody ever has to delete a file after a crash. (No OS-released flock is available to
 * Node 20 without a native add-on; where /proc is missing, the pid alone is checked.)
 * Returns the function that releases the lock.
 */
export function acquireDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'samverkan.lock');
  const me = owner(process.pid);
  const mine = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, mine);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = readOwner(file);
      if (held && isAlive(held)) {
        if (held.pid === process.pid) throw new DataDirLockedError(`The embedded database in ${dataDir} is already open in this process.`);
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by another Samverkan process (pid ${held.pid}). ` +
            `Stop that process first, or set DATABASE_URL to use PostgreSQL for several processes.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database in ${dataDir}.`);
}

function owner(pid: number): Owner {
  return { pid, start: startTime(pid), boot: read('/proc/sys/kernel/random/boot_id') };
}

function readOwner(file: string): Owner | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text), start: null, boot: null }; // a lock written by an older version
  try {
    const o = JSON.parse(text) as Owner;
    return typeof o.pid === 'number' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** True when the lock's owner still runs: the pid lives, and (where known) started when the lock says. */
function isAlive(o: Owner): boolean {
  try {
    process.kill(o.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = owner(o.pid);
  if (o.boot && now.boot && o.boot !== now.boot) return false;
  if (o.start && now.start && o.start !== now.start) return false;
  // An old-style lock naming our own pid cannot be ours (we have not written it): stale.
  if (!o.start && o.pid === process.pid) return false;
  return true;
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks since boot. */
function startTime(pid: number): string | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function read(p: string): string | null {
  try {
    return fs.readFileSync(p, 'utf8').trim();
  } catch {
    return null;
  }
}
