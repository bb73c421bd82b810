// The whole command line, with commander: the editor's options, `serve`, the scripted AWS CLI commands, the
// settings commands, --help and --version. cli.ts comes here for anything but a plain editor command line.
// Imports of heavy modules are lazy so each mode loads only what it needs.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { EditorFlagValues } from './ui/editor-flags.js';
import { EDITOR_OPTIONS, runEditorWithFlags, usageError } from './cli-editor.js';

/** The program with every command registered; its default action runs the editor. */
export async function createProgram(): Promise<Command> {
  const program: Command = new Command();
  program
    .name('cogsync')
    .description('Terminal editor for Amazon Cognito Sync datasets, AWS CLI-compatible commands, and a local server')
    .version('0.1.0')
    .showHelpAfterError()
    // Options before a subcommand belong to the editor; after it, to the subcommand (which has its own --profile…).
    .enablePositionalOptions()
    .action((opts: EditorFlagValues) => runEditorWithFlags(opts));
  for (const option of EDITOR_OPTIONS) program.option(option.value ? `${option.flag} ${option.value}` : option.flag, option.description);

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
    .action(async (opts: { host: string; port: number; db?: string; inMemory?: boolean; seed?: 'demo'; tokenTtl: number; auth: 'none' | 'sigv4'; accessKeyId?: string; secretAccessKey?: string }) => {
      if (opts.db && opts.inMemory) return usageError('--db and --in-memory cannot be used together');
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
  return program;
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
