// The AWS CLI's global options, added to every scripted command so they may follow the
// command name as with `aws cognito-sync list-datasets --region eu-west-1`. The program and
// `cognito-sync` take them too, so they may also come first (`cogsync --output text list-datasets …`).
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode } from './errors.js';
import type { GlobalFlags } from './io.js';

/** The commands that read the global options with globalFlags(), so may take them from before their name. */
const readsGlobals = new WeakSet<Command>();

/** All of them: for the commands that mirror `aws cognito-sync`. */
export function addGlobalOptions(command: Command): Command {
  addConnectionOptions(command);
  addOutputOption(command);
  return addTimeoutAndColorOptions(command
    .option('--query <expression>', 'a JMESPath expression applied to the response before it is printed, as with the AWS CLI')
    .addOption(new Option('--no-paginate', 'accepted for AWS CLI compatibility: Cognito Sync has no paginators, each call returns one page'))
    .addOption(new Option('--no-cli-pager', 'accepted for AWS CLI compatibility (cogsync never pages output)').hideHelp()));
}

/**
 * The AWS CLI's --color, --cli-read-timeout and --cli-connect-timeout (seconds, 0 for none), checked as argparse
 * does, and its TLS options --ca-bundle and --no-verify-ssl.
 */
function addTimeoutAndColorOptions(command: Command): Command {
  return command
    .addOption(new Option('--color <on|off|auto>', 'accepted for AWS CLI compatibility (cogsync does not color tables)').argParser(colorChoice))
    .addOption(new Option('--cli-read-timeout <seconds>', 'give up on a call whose answer stops arriving for this long (0: wait; default 30)').argParser(seconds('--cli-read-timeout')))
    .addOption(new Option('--cli-connect-timeout <seconds>', 'give up connecting after this long (0: wait; default 5)').argParser(seconds('--cli-connect-timeout')))
    .addOption(new Option('--ca-bundle <file>', 'trust the certificates in this PEM file for HTTPS (else AWS_CA_BUNDLE, then the profile\'s ca_bundle)'))
    .addOption(new Option('--no-verify-ssl', 'do not check HTTPS certificates (a warning says so on stderr)'));
}

function colorChoice(value: string): string {
  if (['on', 'off', 'auto'].includes(value)) return value;
  throw new InvalidArgumentError(`argument --color: invalid choice: '${value}' (choose from 'on', 'off', 'auto')`);
}

/** argparse's int(): whole numbers only; negative ones are refused here (the CLI would pass them to the socket). */
function seconds(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError(`argument ${flag}: invalid int value: '${value}'`);
    return Number(value);
  };
}

/**
 * The global options the editor does not take, for the program: they may come before a command, as with the AWS CLI
 * (`cogsync --output text list-datasets …`). The program's own options, the editor's, hold the others (--profile…).
 */
export function addLeadingGlobalOptions(program: Command): Command {
  return program
    .option('--output <format>', 'for a command: json (default), text or table (the editor does not take it)')
    .option('--query <expression>', 'for a command: a JMESPath expression applied to the response (the editor does not take it)')
    .option('--debug', 'for a command: print each request and response on stderr (the editor does not take it)')
    .addOption(new Option('--no-paginate').hideHelp())
    .addOption(new Option('--no-cli-pager').hideHelp())
    .addOption(new Option('--color <on|off|auto>').hideHelp().argParser(colorChoice))
    .addOption(new Option('--cli-read-timeout <seconds>').hideHelp().argParser(seconds('--cli-read-timeout')))
    .addOption(new Option('--cli-connect-timeout <seconds>').hideHelp().argParser(seconds('--cli-connect-timeout')))
    .addOption(new Option('--ca-bundle <file>').hideHelp())
    .addOption(new Option('--no-verify-ssl').hideHelp());
}

/** Where to send requests and how to sign them, --debug and --log. */
export function addConnectionOptions(command: Command): Command {
  readsGlobals.add(command);
  return command
    .option('--profile <name>', 'use this profile from the AWS shared config and credentials files')
    .option('--region <region>', 'the AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile)')
    .option('--endpoint-url <url>', "send requests here, e.g. the local server's http://127.0.0.1:4567")
    .option('--debug', 'print each request and response on stderr (secrets removed)')
    .option('--log <file>', 'append every AWS call to FILE as JSON lines (secrets removed), as the editor\'s inspector shows them');
}

/**
 * For a command with options of its own that are named as global ones (`history --output json|table`): those given
 * before it (`cogsync --output table history`) apply to it too; read them with globalFlags().
 */
export function readsLeadingGlobals(command: Command): Command {
  readsGlobals.add(command);
  return command;
}

export function addOutputOption(command: Command): Command {
  readsGlobals.add(command);
  return command.option('--output <format>', 'json (default), text or table; AWS_DEFAULT_OUTPUT sets the default');
}

/**
 * The global flags of `command`, given after it or before it (to the program or `cognito-sync`). The one nearest
 * the command, so the last on the line, wins, as with the AWS CLI, where the last occurrence counts wherever it is.
 */
export function globalFlags(command: Command): GlobalFlags {
  const opts = nearestValues(command);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    profile: text(opts.profile),
    region: text(opts.region),
    endpointUrl: text(opts.endpointUrl),
    output: text(opts.output),
    query: text(opts.query),
    debug: opts.debug === true,
    log: text(opts.log),
    readTimeout: typeof opts.cliReadTimeout === 'number' ? opts.cliReadTimeout : undefined,
    connectTimeout: typeof opts.cliConnectTimeout === 'number' ? opts.cliConnectTimeout : undefined,
    caBundle: text(opts.caBundle),
    ...(opts.verifySsl === false ? { verifySsl: false } : {}),
  };
}

/** Option values from the program down to `command`, a given value overriding those of the commands above. */
function nearestValues(command: Command): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const cmd of lineage(command)) {
    for (const [key, value] of Object.entries(cmd.opts())) {
      if (values[key] === undefined || cmd.getOptionValueSource(key) !== 'default') values[key] = value;
    }
  }
  return values;
}

/** The program, …, `command`. */
function lineage(command: Command): Command[] {
  const chain: Command[] = [];
  for (let cmd: Command | null = command; cmd; cmd = cmd.parent) chain.unshift(cmd);
  return chain;
}

/** The AWS CLI's global options (and cogsync's --log), by commander attribute: the only ones that may come first. */
const AWS_GLOBALS = new Set(['profile', 'region', 'endpointUrl', 'output', 'query', 'debug', 'log', 'paginate', 'cliPager', 'color', 'cliReadTimeout', 'cliConnectTimeout', 'caBundle', 'verifySsl']);

/**
 * Why an option given before `command` (to the program or `cognito-sync`) cannot apply to it, or undefined when all
 * can. Only the AWS CLI's global options move over, and only to a command that takes them; anything else
 * (`cogsync --readonly list-records`: an editor option; `cogsync --output text serve`) would be silently ignored.
 */
export function misplacedOption(command: Command): string | undefined {
  for (const parent of lineage(command).slice(0, -1)) {
    for (const option of parent.options) {
      const key = option.attributeName();
      if (parent.getOptionValueSource(key) !== 'cli') continue;
      const taken = AWS_GLOBALS.has(key) && readsGlobals.has(command) && command.options.some((o) => o.attributeName() === key);
      if (!taken) return `error: ${lineage(command).slice(1).map((c) => c.name()).join(' ')} does not take ${option.long ?? option.flags}`;
    }
  }
  return undefined;
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

/** argparse's test of a word after an option (Python 3.11 `_parse_optional`): a dash, then not a negative number nor spaced. */
function looksLikeOption(word: string): boolean {
  return word.length > 1 && word.startsWith('-') && !/^-\d+$|^-\d*\.\d+$/.test(word) && !word.includes(' ');
}

/**
 * The first value-taking option of `command` in `args` whose next word is missing or looks like an option: argparse's
 * rule, as for the AWS CLI, in one place for the program, the operations and the helpers. `--dataset --region X`
 * forgot the name (commander would take `--region` as it); `-1`, `-x y` (a space) and `--name=-x` are values. A
 * variadic option needs at least one value, and its words are read on (each may be followed by an option). An
 * optional value (`[type]`) may be left out. Stops at `--`; with `'leading'` (the program's own options) also at the
 * first word that is not an option, the command's name, after which the words are the command's.
 */
export function optionWithoutValue(
  command: Command,
  args: readonly string[],
  scope: 'all' | 'leading' = 'all',
): { option: Option; word: string | undefined } | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === '--' || (scope === 'leading' && !word.startsWith('-'))) return undefined;
    const option = command.options.find((o) => o.long === word || o.short === word);
    if (!option?.required) continue;
    const next = args[i + 1];
    if (next === undefined || looksLikeOption(next)) return { option, word: next };
    if (!option.variadic) i++;
  }
  return undefined;
}

/** argparse's refusal of an option without its value (`--dataset-name --identity-id I`), as the AWS CLI prints it. */
export function missingValueError(option: Option): string {
  return `error: argument ${option.long ?? option.flags}: expected ${option.variadic ? 'at least one argument' : 'one argument'}`;
}
