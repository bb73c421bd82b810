// Exit codes and error types of the scripted commands, as AWS CLI v2 uses them, so a
// script written for `aws cognito-sync` can keep testing `$?`.

export const ExitCode = {
  Ok: 0,
  /** cogsync's helpers (set, rm, import, copy): keys changed on the server; nothing was written. */
  Conflict: 1,
  /** Bad command line: unknown option, missing or malformed parameter, failed validation. */
  Usage: 252,
  /** Bad configuration: unknown profile, no region, no credentials. */
  Config: 253,
  /** The request reached the service, which answered with an error. */
  Service: 254,
  /** Anything else: endpoint unreachable, unexpected failure. */
  Other: 255,
  /** Ctrl+C, 128 + SIGINT as shells expect. */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: its message is printed as is (no stack) and the process exits with `exitCode`. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.Other,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** A value the CLI could not read: `Error parsing parameter '--record-patches': …`. */
export class ParamError extends CommandError {
  constructor(
    readonly flag: string,
    readonly detail: string,
  ) {
    super(`Error parsing parameter '${flag}': ${detail}`, ExitCode.Usage);
    this.name = 'ParamError';
  }
}

/** Parameters that do not fit the model (botocore's wording): every problem, one per line. */
export class ParamValidationError extends CommandError {
  constructor(readonly problems: string[]) {
    super(`Parameter validation failed:\n${problems.join('\n')}`, ExitCode.Usage);
    this.name = 'ParamValidationError';
  }
}

/** A command line that cannot run (missing required option, conflicting options). */
export class UsageError extends CommandError {
  constructor(message: string) {
    super(message, ExitCode.Usage);
    this.name = 'UsageError';
  }
}

/** An error from node:fs (it names the system call that failed): a folder that is a file, no permission, a full disk. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string';
}

/** `ENOTDIR: not a directory, open '…'`: node's message, which starts with the code. */
export function fileSystemReason(error: NodeJS.ErrnoException & { code: string }): string {
  return error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`;
}
