#!/usr/bin/env node
/** The synthgen command line. User-fixable errors print one line and exit non-zero; anything else is a bug. */
import { Builtins, Cli, type BaseContext } from 'clipanion';
import { fileURLToPath } from 'node:url';
import { errnoCode, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { GenerateCommand } from './commands/generate.js';
import { SchemaCommand } from './commands/schema.js';
import { VerifyCommand } from './commands/verify.js';
import { endWithParent, relaunch } from './relaunch.js';

const cli = new Cli({
  binaryLabel: 'synthgen',
  binaryName: 'synthgen',
  binaryVersion: '0.1.0',
  enableColors: process.stdout.isTTY === true,
});
cli.register(GenerateCommand);
cli.register(SchemaCommand);
cli.register(VerifyCommand);
cli.register(Builtins.HelpCommand);
cli.register(Builtins.VersionCommand);

const VALUE_FLAGS = new Set([
  '--table-names',
  '--num-rows',
  '--file-size-limit',
  '--out',
  '--metadata',
  '--seed',
  '--as-of',
  '--workers',
  '--s3-bucket',
  '--s3-endpoint',
  '--s3-region',
  '--upload-concurrency',
]);
const KNOWN_FLAGS = new Set([...VALUE_FLAGS, '--json', '--profile', '--resume', '--discard-interrupted', '--wait', '--s3-checksums', '--no-s3-checksums', '--help', '-h', '--version']);

/** `--num-rows -5` would read as two flags; bind such values to their flag so the value check can name them. */
function bindNegativeValues(args: readonly string[]): string[] {
  const bound: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = args[i + 1];
    if (VALUE_FLAGS.has(arg) && value !== undefined && /^-\d/.test(value)) {
      bound.push(`${arg}=${value}`);
      i += 1;
    } else bound.push(arg);
  }
  return bound;
}

function syntaxProblem(args: readonly string[]): string {
  const unknown = args.find((arg) => arg.startsWith('-') && !KNOWN_FLAGS.has(arg.split('=')[0] ?? arg));
  if (unknown) return `unknown option ${unknown.split('=')[0]}: see synthgen --help`;
  const missing = args.find((arg, i) => VALUE_FLAGS.has(arg) && (args[i + 1] === undefined || args[i + 1]?.startsWith('--')));
  if (missing) return `${missing} needs a value: see synthgen --help`;
  const stray = args.find((arg, i) => !arg.startsWith('-') && !VALUE_FLAGS.has(args[i - 1] ?? '') && !(i === 0 && (arg === 'generate' || arg === 'schema' || arg === 'verify')));
  if (stray) return `unexpected argument "${stray}": see synthgen --help`;
  return 'could not read the command line: see synthgen --help';
}

async function main(): Promise<number> {
  // `synthgen resume [...]` is `synthgen --resume [...]`.
  const given = process.argv.slice(2);
  const args = bindNegativeValues(given[0] === 'resume' ? ['--resume', ...given.slice(1)] : given);
  const context: BaseContext = {
    ...Cli.defaultContext,
    colorDepth: process.stdout.isTTY ? Cli.defaultContext.colorDepth : 1,
  };
  let command;
  try {
    command = cli.process(args);
  } catch {
    process.stderr.write(`synthgen: ${syntaxProblem(args)}\n`);
    return 2;
  }
  if (!(command instanceof GenerateCommand || command instanceof VerifyCommand) || command.help) return cli.run(args, context);
  command.context = context;
  try {
    const code = await command.validateAndExecute();
    return typeof code === 'number' ? code : 0;
  } catch (error: unknown) {
    if (error instanceof UserError) {
      // One line, whatever a message quoted (a parser's excerpt of a file, say).
      process.stderr.write(`synthgen: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return error.exitCode;
    }
    process.stderr.write(`synthgen: internal error, please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

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
handleOutputErrors();

const relaunched = relaunch(fileURLToPath(import.meta.url), process.argv.slice(2));
if (!relaunched) endWithParent();
const code = relaunched ? await relaunched : await main();
process.exitCode = stdoutFailed && code === 0 ? 1 : code;
