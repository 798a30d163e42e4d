/**
 * Errors split by fault. A UserError is something the user can fix: the CLI prints its one-line message and exits
 * non-zero, with no stack. Anything else is a bug and is reported with its stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}
