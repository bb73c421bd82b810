// The whole command line, with commander: the editor's options, `serve`, the scripted AWS CLI commands, the
// settings commands, --help and --version. cli.ts comes here for anything but a plain editor command line.
// Imports of heavy modules are lazy so each mode loads only what it needs.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { EditorFlagValues } from './ui/editor-flags.js';
import { EDITOR_OPTIONS, runEditorWithFlags, usageError } from './cli-editor.js';
import { addLeadingGlobalOptions, exitLikeAwsCli, misplacedOption, missingValueError, optionWithoutValue } from './commands/global-options.js';

const VERSION = '0.1.0';

/** The program with every command registered; its default action runs the editor (`runEditor`, for tests). */
export async function createProgram(runEditor: (flags: EditorFlagValues) => Promise<void> = runEditorWithFlags): Promise<Command> {
  const program: Command = new ProgramCommand();
  program
    .name('cogsync')
    .description('Terminal editor for Amazon Cognito Sync datasets, AWS CLI-compatible commands, and a local server')
    .version(VERSION)
    .option('--info', 'print where settings, drafts, the journal and the local database are kept, then exit')
    .showHelpAfterError('(cogsync --help lists the commands and options)')
    // Options before a subcommand are the program's: the editor's, which include some of the AWS CLI's global options,
    // and the rest of those; after it, the subcommand's own (it has its own --profile…).
    .enablePositionalOptions()
    .action(() => runEditorFromProgram(program, runEditor));
  // Before any subcommand is made: serve, config and history inherit it (a bad command line exits 252 everywhere).
  exitLikeAwsCli(program);
  for (const option of EDITOR_OPTIONS) program.option(option.value ? `${option.flag} ${option.value}` : option.flag, option.description);
  addLeadingGlobalOptions(program);
  program.hook('preAction', (_program, command) => {
    const problem = command === program ? undefined : misplacedOption(command);
    if (problem) command.error(problem);
  });

  program
    .command('serve')
    .description('Run the local Cognito Sync-compatible server (like DynamoDB Local)')
    .option('--host <host>', 'interface to bind (anything but loopback is reachable by others: use --auth sigv4)', '127.0.0.1')
    .option('--port <port>', 'port to listen on; 0 picks a free one', parsePort, 4567)
    .option('--db <file>', 'SQLite database file (default: local.db in the cogsync data folder)')
    .option('--in-memory', 'keep data in memory only')
    .addOption(new Option('--seed <name>', 'create demo data when the database is new').choices(['demo']))
    .option('--token-ttl <seconds>', 'sync session token lifetime', parsePositiveInt, 900)
    .addOption(new Option('--auth <mode>', 'none: accept any signature; sigv4: require requests signed with the key below').choices(['none', 'sigv4']).default('none'))
    .addOption(new Option('--access-key-id <id>', 'access key id clients must sign with (--auth sigv4)').env('COGSYNC_SERVE_ACCESS_KEY_ID'))
    .addOption(new Option('--secret-access-key <secret>', 'its secret (--auth sigv4); prefer the environment variable, which ps does not show').env('COGSYNC_SERVE_SECRET_ACCESS_KEY'))
    .action(async (opts: { host: string; port: number; db?: string; inMemory?: boolean; seed?: 'demo'; tokenTtl: number; auth: 'none' | 'sigv4'; accessKeyId?: string; secretAccessKey?: string }, command: Command) => {
      if (opts.db && opts.inMemory) return usageError('--db and --in-memory cannot be used together');
      // Keys exported as COGSYNC_SERVE_* (as the README suggests) are for --auth sigv4: without it they are not a
      // mistake to refuse, only keys typed on the command line are.
      if (opts.auth !== 'sigv4') {
        if (command.getOptionValueSource('accessKeyId') === 'env') delete opts.accessKeyId;
        if (command.getOptionValueSource('secretAccessKey') === 'env') delete opts.secretAccessKey;
      }
      const { runServe } = await import('./local/serve-command.js');
      await runServe(opts);
    });

  const [{ registerCommands }, { registerConfigCommands, registerHistoryCommand }] = await Promise.all([
    import('./commands/index.js'),
    import('./commands/settings-commands.js'),
  ]);
  registerCommands(program);
  registerConfigCommands(program);
  registerHistoryCommand(program);
  addVersionEverywhere(program);
  // Only now, or the subcommands made above would inherit it: a word that is not a command reaches the default
  // action, which names it as an unknown command instead of commander's "too many arguments".
  program.allowExcessArguments();
  return program;
}

/**
 * `--version` after any command too, as with the AWS CLI (`aws cognito-sync list-records --version` prints the
 * version and exits 0, whatever else the line holds or lacks).
 */
function addVersionEverywhere(command: Command): void {
  for (const sub of command.commands) {
    sub.version(VERSION, '--version', 'print the version and exit');
    addVersionEverywhere(sub);
  }
}

/**
 * The program's own options, before any command: a value must not look like an option, as argparse has it for the
 * AWS CLI (`cogsync --query --debug list-datasets …` is refused, not read as the query `--debug`). Only the words up
 * to the command's name are checked; what follows is the command's (define-operation.ts checks its options).
 */
class ProgramCommand extends Command {
  override parseOptions(args: string[]): { operands: string[]; unknown: string[] } {
    const missing = optionWithoutValue(this, args, 'leading');
    if (missing) this.error(missingValueError(missing.option), { code: 'commander.optionMissingArgument' });
    return super.parseOptions(args);
  }
}

/** The default action: the editor, given the editor's options only. */
async function runEditorFromProgram(program: Command, runEditor: (flags: EditorFlagValues) => Promise<void>): Promise<void> {
  if (program.args.length > 0) return unknownCommand(program);
  if (program.getOptionValue('info') === true) {
    const [{ configInfo }, { processIO }] = await Promise.all([import('./commands/config.js'), import('./commands/io.js')]);
    process.exitCode = configInfo(processIO(), VERSION);
    return;
  }
  const flags: Record<string, unknown> = {};
  for (const option of program.options) {
    const key = option.attributeName();
    if (program.getOptionValueSource(key) !== 'cli') continue;
    if (!EDITOR_OPTIONS.some((o) => o.name === key)) {
      return program.error(`error: the editor does not take ${option.long}: it is for a command (cogsync ${option.long}${option.required ? ' …' : ''} list-datasets …)`);
    }
    flags[key] = program.getOptionValue(key);
  }
  await runEditor(flags as EditorFlagValues);
}

/** Commander's own message, with its "(Did you mean list-records?)"; the method is public in JS but not typed. */
function unknownCommand(program: Command): void {
  (program as unknown as { unknownCommand(): void }).unknownCommand();
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`port must be a whole number from 0 to 65535, got '${value}'`);
  return n;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'`);
  return n;
}

/** Parses `argv` (process.argv) and runs what it asks for. */
export async function runProgram(argv: string[]): Promise<void> {
  await (await createProgram()).parseAsync(argv);
}
