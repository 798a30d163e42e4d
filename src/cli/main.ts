#!/usr/bin/env node
/**
 * The synthgen executable. The process a user starts only relaunches itself (relaunch.ts), forwards signals and
 * passes the exit code on, so it decides that before loading the command line: cli.ts brings in clipanion, the
 * engine and the commands (~0.3 s of imports on a 2-core box), which only the process that runs a command needs.
 */
import { fileURLToPath } from 'node:url';
import { errnoCode, reasonOf } from '../errors/errno.js';
import { endWithParent, relaunch } from './relaunch.js';

/** Set when stdout failed other than by its reader leaving: the exit code then says the output is incomplete. */
let stdoutFailed = false;

/**
 * A reader that stops reading (`synthgen --json | head`) makes the next write fail with EPIPE, by then after the run
 * committed. Without a listener that is an uncaught error with a stack. The command's own exit code is kept rather
 * than the shell's 141 (128 + SIGPIPE): the run did what it was asked, the reader chose to stop listening, and a
 * script with `set -o pipefail` should learn how the run went (or verify's verdict), not that a pipe closed.
 * Any other failure to write stdout (EIO, ENOSPC on a redirect) loses output the user asked for: one line on stderr,
 * exit 1 unless the command failed already. stderr only ever carries progress and messages: when it fails, there is
 * nowhere left to say so, and the run goes on.
 */
function handleOutputErrors(): void {
  process.stdout.on('error', (error: unknown) => {
    const code = errnoCode(error);
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return;
    stdoutFailed = true;
    if (!process.exitCode) process.exitCode = 1;
    process.stderr.write(`synthgen: could not write to stdout: ${reasonOf(error)}\n`);
  });
  process.stderr.on('error', () => undefined);
}

/** Runs the command line in this process: in the relaunched child, or where there is no relaunching (Windows). */
async function runHere(): Promise<number> {
  // Watching the parent starts before the imports, so a parent killed meanwhile ends this process too.
  endWithParent();
  const { runCli } = await import('./cli.js');
  return runCli();
}

handleOutputErrors();
const relaunched = relaunch(fileURLToPath(import.meta.url), process.argv.slice(2));
const code = relaunched ? await relaunched : await runHere();
process.exitCode = stdoutFailed && code === 0 ? 1 : code;
