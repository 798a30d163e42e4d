/**
 * Whether a process on this host still runs, for telling a live lock holder from a dead one. Signal 0 reaches a
 * zombie too: a process killed with kill -9 stays in the process table until its parent reaps it (or, once the parent
 * is gone, PID 1, which in a container may never do it). So on Linux the process's state is read from /proc as well,
 * and a zombie (Z) or dead (X) process is not alive.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isErrno } from '../errors/errno.js';

/** The state letter of /proc/<pid>/stat ("R", "S", "Z", ...); "gone" if it has no entry; undefined without /proc. */
function procState(pid: number): string | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error: unknown) {
    return isErrno(error, 'ENOENT') && existsSync('/proc/self/stat') ? 'gone' : undefined;
  }
  // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ")".
  const end = text.lastIndexOf(') ');
  return end < 0 ? undefined : text.charAt(end + 2);
}

export function processAlive(pid: number): boolean {
  // Beyond what kill() takes, a pid would wrap to another (0 and below signal whole process groups): not a process
  // this can check, and never one to call dead on a guess.
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > 0x7fffffff) return true;
  try {
    process.kill(pid, 0);
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return !isErrno(error, 'ESRCH');
  }
  const state = procState(pid);
  return state !== 'Z' && state !== 'X' && state !== 'gone';
}
