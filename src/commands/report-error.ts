// Turns any failure into what the AWS CLI v2 prints on stderr and the exit code a script
// can test: 252 bad command line, 253 configuration, 254 the service said no, 255 anything
// else (the endpoint could not be reached, an unexpected bug).
import { CogsyncError, toCogsyncError } from '../aws/errors.js';
import { sanitizeMultiline } from '../util/sanitize.js';
import { CommandError, ExitCode, type ExitCodeValue } from './errors.js';
import type { CommandIO } from './io.js';

const CONFIG_CODES = new Set(['NoRegion', 'ProfileNotFound', 'NoCredentials', 'SsoSessionExpired', 'CredentialsExpired', 'InvalidEndpoint', 'InvalidRegion', 'InvalidCaBundle', 'InvalidConfig']);

/** Prints `error` to stderr and returns the exit code for it. */
export function reportError(io: CommandIO, error: unknown, operation?: string): ExitCodeValue {
  if (error instanceof CommandError) {
    io.stderr(`\n${sanitizeMultiline(error.message)}\n`);
    return error.exitCode;
  }
  // Input that breaks a Cognito Sync limit (src/sync): nothing was sent.
  if (error instanceof Error && error.name === 'SyncValidationError') {
    io.stderr(`\n${sanitizeMultiline(error.message)}\n`);
    return ExitCode.Usage;
  }
  const e = toCogsyncError(error, { operation });
  if (isServiceError(e)) {
    // The CLI's exact line; the message is the server's, so it is untrusted.
    const op = e.operation ?? operation ?? 'unknown';
    io.stderr(`\nAn error occurred (${sanitizeMultiline(e.code)}) when calling the ${op} operation: ${sanitizeMultiline(e.message)}\n`);
    return ExitCode.Service;
  }
  const hint = e.hint ? `\n${sanitizeMultiline(e.hint)}` : '';
  io.stderr(`\n${sanitizeMultiline(e.message)}${hint}\n`);
  return CONFIG_CODES.has(e.code) ? ExitCode.Config : ExitCode.Other;
}

/** The request reached a server that answered with an error status. */
export function isServiceError(e: CogsyncError): boolean {
  return e.httpStatus !== undefined && e.code !== 'EndpointUnreachable' && !CONFIG_CODES.has(e.code);
}
