// The AWS CLI's global options, added to every scripted command so they may follow the
// command name as with `aws cognito-sync list-datasets --region eu-west-1`.
import { Option, type Command } from 'commander';
import { ExitCode } from './errors.js';
import type { GlobalFlags } from './io.js';

/** All of them: for the commands that mirror `aws cognito-sync`. */
export function addGlobalOptions(command: Command): Command {
  addConnectionOptions(command);
  addOutputOption(command);
  return command
    .option('--query <expression>', 'a JMESPath expression applied to the response before it is printed, as with the AWS CLI')
    .addOption(new Option('--no-paginate', 'accepted for AWS CLI compatibility: Cognito Sync has no paginators, each call returns one page'))
    .addOption(new Option('--no-cli-pager', 'accepted for AWS CLI compatibility (cogsync never pages output)').hideHelp());
}

/** Where to send requests and how to sign them, --debug and --log. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'use this profile from the AWS shared config and credentials files')
    .option('--region <region>', 'the AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile)')
    .option('--endpoint-url <url>', "send requests here, e.g. the local server's http://127.0.0.1:4567")
    .option('--debug', 'print each request and response on stderr (secrets removed)')
    .option('--log <file>', 'append every AWS call to FILE as JSON lines (secrets removed), as the editor\'s inspector shows them');
}

export function addOutputOption(command: Command): Command {
  return command.option('--output <format>', 'json (default), text or table; AWS_DEFAULT_OUTPUT sets the default');
}

/** The global flags from commander's parsed options (the command's own, then its parents'). */
export function globalFlags(command: Command): GlobalFlags {
  const opts = command.optsWithGlobals() as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    profile: text(opts.profile),
    region: text(opts.region),
    endpointUrl: text(opts.endpointUrl),
    output: text(opts.output),
    query: text(opts.query),
    debug: opts.debug === true,
    log: text(opts.log),
  };
}

/**
 * Commander's own errors (unknown option, missing value) exit with the AWS CLI's 252
 * instead of 1; help and --version still exit 0.
 */
export function exitLikeAwsCli(command: Command): Command {
  return command.exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : ExitCode.Usage);
  });
}

/** Runs a command body and sets the process exit code from its result. */
export async function runAndSetExitCode(body: () => Promise<number>): Promise<void> {
  process.exitCode = await body();
}
