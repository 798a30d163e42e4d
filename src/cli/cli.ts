/**
 * The synthgen command line, run in the relaunched child (main.ts). User-fixable errors print one line and exit
 * non-zero; anything else is a bug.
 */
import { readFileSync } from 'node:fs';
import { Builtins, Cli, type BaseContext, type ErrorWithMeta } from 'clipanion';
import { UserError } from '../errors/userError.js';
import { GenerateCommand } from './commands/generate.js';
import { InitCommand } from './commands/init.js';
import { ReportCommand } from './commands/report.js';
import { SchemaCommand } from './commands/schema.js';
import { VerifyCommand } from './commands/verify.js';

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
cli.register(Builtins.HelpCommand);
cli.register(Builtins.VersionCommand);

const SUBCOMMANDS = ['generate', 'schema', 'verify', 'report', 'init'];
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

/** How the CLI ends on `error`: the line it prints after "synthgen: " and the exit code. */
function failure(error: unknown, args: readonly string[]): { readonly message: string; readonly exitCode: number } {
  // One line, whatever a message quoted (a parser's excerpt of a file, say).
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  if (error instanceof UserError) return { message: oneLine(error.message), exitCode: error.exitCode };
  if (isClipanionError(error) && error.clipanion.type === 'usage') return { message: oneLine(error.message.replace(VALIDATION_PREFIX, '')), exitCode: 2 };
  if (isClipanionError(error)) return { message: syntaxProblem(args), exitCode: 2 };
  return { message: `internal error, please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, exitCode: 1 };
}

/** Runs the command `process.argv` names; resolves to the exit code. */
export async function runCli(): Promise<number> {
  // `synthgen resume [...]` is `synthgen --resume [...]`.
  const given = process.argv.slice(2);
  const spelt = given[0] === 'resume' ? ['--resume', ...given.slice(1)] : given;
  const args = bindNegativeValues(spelt, flagsOf(spelt));
  const context: BaseContext = {
    ...Cli.defaultContext,
    colorDepth: process.stdout.isTTY ? Cli.defaultContext.colorDepth : 1,
  };
  try {
    // Reading the command line applies the option validators: a bad value fails here, before anything runs.
    const command = cli.process(args, context);
    const ours = command instanceof GenerateCommand || command instanceof SchemaCommand || command instanceof VerifyCommand || command instanceof ReportCommand || command instanceof InitCommand;
    // Help and version are clipanion's to print.
    if (!ours || command.help) return await cli.run(args, context);
    return await command.validateAndExecute();
  } catch (error: unknown) {
    const { message, exitCode } = failure(error, args);
    process.stderr.write(`synthgen: ${message}\n`);
    return exitCode;
  }
}
