/**
 * The synthgen command line, run in the relaunched child (main.ts). User-fixable errors print one line and exit
 * non-zero; anything else is a bug.
 */
import { readFileSync } from 'node:fs';
import { Builtins, Cli, type BaseContext, type ErrorWithMeta } from 'clipanion';
import { UserError } from '../errors/userError.js';
import { ResumableRunError } from '../errors/resumableRunError.js';
import { ResumeDiffers } from '../run/spec/resumeDiffers.js';
import { resumeDiffersText, stoppedRunText } from './render/runAdvice.js';
import { stackOf } from '../errors/thrownValue.js';
import { moduleImporting, noteRejection } from '../model/loadTableModules.js';
import { GenerateCommand } from './commands/generate.js';
import { InitCommand } from './commands/init.js';
import { RemoveCommand } from './commands/remove.js';
import { ReportCommand } from './commands/report.js';
import { RunsCommand } from './commands/runs.js';
import { SchemaCommand } from './commands/schema.js';
import { VerifyCommand } from './commands/verify.js';
import { commandHelp, topHelp } from './render/help.js';
import { printable, printableLine } from './render/printable.js';
import { CLI_WORDS } from './render/cliVocabulary.js';

/** The version npm installed: package.json, three folders up from dist/src/cli/cli.js. */
function ownVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return String(manifest.version ?? 'unknown');
}

const cli = new Cli({
  binaryLabel: 'synthgen',
  binaryName: 'synthgen',
  binaryVersion: ownVersion(),
  enableColors: process.stdout.isTTY === true,
});
cli.register(GenerateCommand);
cli.register(SchemaCommand);
cli.register(VerifyCommand);
cli.register(ReportCommand);
cli.register(InitCommand);
cli.register(RunsCommand);
cli.register(RemoveCommand);
cli.register(Builtins.HelpCommand);
cli.register(Builtins.VersionCommand);

const OURS = [GenerateCommand, SchemaCommand, VerifyCommand, ReportCommand, InitCommand, RunsCommand, RemoveCommand];
const SUBCOMMANDS = ['generate', 'schema', 'verify', 'report', 'init', 'runs', 'remove'];
/** Taken by every command, besides what its own definition lists. */
const BUILTIN_FLAGS = ['--help', '-h', '--version'];

interface Flags {
  /** Flags that take a value. */
  readonly values: ReadonlySet<string>;
  readonly known: ReadonlySet<string>;
}

/** The flags of the command `args` name, as clipanion defines them: `--out #0` takes a value, a boolean also has --no-. */
function flagsOf(args: readonly string[]): Flags {
  const path = SUBCOMMANDS.includes(args[0] ?? '') && args[0] !== 'generate' ? `synthgen ${args[0]}` : 'synthgen';
  const values = new Set<string>();
  const known = new Set(BUILTIN_FLAGS);
  for (const { definition } of cli.definitions().find((d) => d.path === path)?.options ?? []) {
    const [names = '', arity] = definition.split(' ');
    for (const name of names.split(',')) {
      known.add(name);
      if (arity !== undefined) values.add(name);
      else if (name.startsWith('--')) known.add(`--no-${name.slice(2)}`);
    }
  }
  return { values, known };
}

/** `--num-rows -5` would read as two flags; bind such values to their flag so the value check can name them. */
function bindNegativeValues(args: readonly string[], flags: Flags): string[] {
  const bound: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = args[i + 1];
    if (flags.values.has(arg) && value !== undefined && /^-\d/.test(value)) {
      bound.push(`${arg}=${value}`);
      i += 1;
    } else bound.push(arg);
  }
  return bound;
}

/**
 * What is wrong with a command line clipanion could not match to any command. Its own message lists every usage of
 * every command ("Command not found; did you mean one of: ..."), which does not say which word is wrong.
 */
function syntaxProblem(args: readonly string[]): string {
  const flags = flagsOf(args);
  const unknown = args.find((arg) => arg.startsWith('-') && !flags.known.has(arg.split('=')[0] ?? arg));
  if (unknown) return `unknown option ${unknown.split('=')[0]}: see synthgen --help`;
  const missing = args.find((arg, i) => flags.values.has(arg) && (args[i + 1] === undefined || args[i + 1]?.startsWith('--')));
  if (missing) return `${missing} needs a value: see synthgen --help`;
  const stray = args.find((arg, i) => !arg.startsWith('-') && !flags.values.has(args[i - 1] ?? '') && !(i === 0 && SUBCOMMANDS.includes(arg)));
  if (stray) return `unexpected argument "${stray}": see synthgen --help`;
  return 'could not read the command line: see synthgen --help';
}

function isClipanionError(error: unknown): error is ErrorWithMeta {
  return error instanceof Error && typeof (error as Partial<ErrorWithMeta>).clipanion === 'object';
}

/**
 * An option validator's or the schema's refusal, as clipanion words it: "Invalid value for --workers: <message>" or
 * "Invalid option schema: <message>". The message (validators.ts) names the flag already.
 */
const VALIDATION_PREFIX = /^Invalid (?:value for \S+|option schema): /;

/**
 * How the CLI ends on `error`: the line it prints after "synthgen: " and the exit code. One line, whatever a message
 * quoted (a parser's excerpt of a file, say), with control characters escaped (printable.ts).
 */
function failure(error: unknown, args: readonly string[]): { readonly message: string; readonly exitCode: number } {
  if (error instanceof ResumeDiffers) return { message: printableLine(resumeDiffersText(error)), exitCode: error.exitCode };
  if (error instanceof ResumableRunError) return { message: printableLine(stoppedRunText(error)), exitCode: error.exitCode };
  if (error instanceof UserError) return { message: printableLine(error.render(CLI_WORDS)), exitCode: error.exitCode };
  if (isClipanionError(error) && error.clipanion.type === 'usage') return { message: printableLine(error.message.replace(VALIDATION_PREFIX, '')), exitCode: 2 };
  if (isClipanionError(error)) return { message: printableLine(syntaxProblem(args)), exitCode: 2 };
  const stack = stackOf(error);
  return { message: printable(`internal error, please report it:\n${stack === '' ? describeValue(error) : stack}`), exitCode: 1 };
}

function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `a ${typeof value} that cannot be shown`;
  }
}

/**
 * A promise rejection nothing handled. One a --tables module made while it was imported fails that import, which ends
 * the command as any bad module does (with the worker pool shut down). Any other ends the process here, as Node
 * would, with one line: a module's rejection later on, or a bug of ours (with its stack).
 */
function onUnhandled(reason: unknown, args: readonly string[]): void {
  const theirs = noteRejection(reason);
  if (theirs?.failsImport) return;
  const { message, exitCode } = failure(theirs?.error ?? reason, args);
  process.stderr.write(`synthgen: ${message}\n`);
  // The lock, if one is held, is released by its own exit handler; an interrupted run's record stays for --resume.
  process.exit(exitCode);
}

/**
 * Node ends a process whose event loop ran empty while its top-level await still waits with exit code 13, saying
 * nothing: a --tables module's top-level await that never settles does that (exitCode is 13 when 'exit' fires).
 */
function onExitUnsettled(settled: () => boolean): void {
  process.on('exit', () => {
    if (settled() || process.exitCode !== 13) return;
    const module = moduleImporting();
    const { message, exitCode } = module
      ? failure(new UserError(`--tables ${module}: the module's top-level await never settles (nothing is left for it to wait on): make what it awaits resolve, or remove the await`), [])
      : { message: 'internal error, please report it: the command stopped waiting with nothing left to wait on', exitCode: 1 };
    process.stderr.write(`synthgen: ${message}\n`);
    process.exitCode = exitCode;
  });
}

/** The help of the command at `path` (its words after `synthgen`), or the top-level help. */
function helpFor(path: readonly string[] | undefined): string {
  const definitions = cli.definitions();
  // A command's help is under its first path (`generate` is the default command, whose path is none).
  const kind = path && OURS.find((k) => k.paths.some((p) => p.join(' ') === path.join(' ')));
  const definition = kind && definitions.find((d) => d.path === ['synthgen', ...(kind.paths[0] ?? [])].join(' '));
  return definition ? commandHelp(definition) : topHelp(definitions, cli.binaryVersion ?? 'unknown');
}

/** The argument list the command line means: `resume` is `--resume`, `help` is `--help`. */
function spelt(given: readonly string[]): string[] {
  if (given[0] === 'resume') return ['--resume', ...given.slice(1)];
  if (given[0] === 'help' && given.length === 1) return ['--help'];
  return [...given];
}

/** Runs the command `process.argv` names; resolves to the exit code. */
export async function runCli(): Promise<number> {
  const words = spelt(process.argv.slice(2));
  const args = bindNegativeValues(words, flagsOf(words));
  const context: BaseContext = {
    ...Cli.defaultContext,
    colorDepth: process.stdout.isTTY ? Cli.defaultContext.colorDepth : 1,
  };
  let settled = false;
  process.on('unhandledRejection', (reason) => onUnhandled(reason, args));
  onExitUnsettled(() => settled);
  try {
    // Reading the command line applies the option validators: a bad value fails here, before anything runs.
    const command = cli.process(args, context);
    if (command instanceof Builtins.VersionCommand) return await cli.run(args, context);
    const ours = OURS.some((kind) => command instanceof kind);
    // clipanion answers --help with a command of its own (`synthgen --help`, or one after a command's path).
    if (!ours || command.help) {
      process.stdout.write(helpFor(command instanceof Builtins.HelpCommand ? undefined : command.path));
      return 0;
    }
    return await command.validateAndExecute();
  } catch (error: unknown) {
    const { message, exitCode } = failure(error, args);
    process.stderr.write(`synthgen: ${message}\n`);
    return exitCode;
  } finally {
    settled = true;
  }
}
