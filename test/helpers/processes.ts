/** Watching child processes from a test: their children (from /proc), whether they still run, waiting for a condition. */
import { readFile, readdir } from 'node:fs/promises';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The child processes of `pid`, from /proc (every thread's list: Node may spawn from any of them). */
export async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((list) => list.split(' ').filter((word) => word.trim() !== '').map(Number));
}

/** The state letter of /proc/<pid>/stat ("T" while stopped, "Z" a zombie), or '' once the process is gone. */
export async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.charAt(stat.lastIndexOf(') ') + 2);
}

/** Whether `pid` still runs: a zombie nobody reaps (PID 1 in a container may not) has ended. */
export async function running(pid: number): Promise<boolean> {
  const state = await processState(pid);
  return state !== '' && state !== 'Z' && state !== 'X';
}

/** Polls `condition` every `everyMs` until it holds; fails naming `what` after `seconds`. */
export async function until(what: string, condition: () => Promise<boolean>, seconds: number, everyMs = 50): Promise<void> {
  for (let waited = 0; !(await condition()); waited += everyMs) {
    if (waited > seconds * 1000) throw new Error(`gave up after ${seconds} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The process a CLI run started as `pid` relaunched itself into (src/cli/relaunch.ts), once it is there (30 s at most). */
export async function relaunchedChild(pid: number, everyMs = 50): Promise<number> {
  let child = 0;
  await until('the relaunched child', async () => ((child = (await childrenOf(pid))[0] ?? 0) > 0), 30, everyMs);
  return child;
}
