#!/usr/bin/env node
/** The synthgen command line. User-fixable errors print one line and exit non-zero; anything else is a bug. */
import { Builtins, Cli, UsageError } from 'clipanion';
import { UserError } from '../engine/errors.js';
import { GenerateCommand } from './commands/generate.js';

const cli = new Cli({ binaryLabel: 'synthgen', binaryName: 'synthgen', binaryVersion: '0.1.0' });
cli.register(GenerateCommand);
cli.register(Builtins.HelpCommand);
cli.register(Builtins.VersionCommand);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  try {
    const command = cli.process(args);
    command.context = { ...Cli.defaultContext, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, colorDepth: 1 };
    command.cli = cli;
    if (command.help) {
      process.stdout.write(cli.usage(command, { detailed: true, colored: process.stdout.isTTY === true }));
      return 0;
    }
    const code = await command.validateAndExecute();
    return typeof code === 'number' ? code : 0;
  } catch (error: unknown) {
    if (error instanceof UserError) {
      process.stderr.write(`synthgen: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof UsageError || (error instanceof Error && (error.name === 'UnknownSyntaxError' || error.name === 'AmbiguousSyntaxError'))) {
      const first = error.message.split('\n').find((line) => line.trim().length > 0) ?? error.message;
      process.stderr.write(`synthgen: ${first.trim()} (see synthgen --help)\n`);
      return 2;
    }
    process.stderr.write(`synthgen: internal error, please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
