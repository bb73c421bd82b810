#!/usr/bin/env node
// Entry point: parses flags and picks a mode (editor, a scripted subcommand, or the local server).
// Imports of heavy modules are lazy so each mode loads only what it needs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { Command, InvalidArgumentError, Option } from 'commander';
import type { EditorFlagValues } from './ui/editor-flags.js';
import { mayNameSubcommand } from './cli-mode.js';

const program: Command = new Command();

program
  .name('cogsync')
  .description('Terminal editor for Amazon Cognito Sync datasets, AWS CLI-compatible commands, and a local server')
  .version('0.1.0')
  .showHelpAfterError()
  // Options before a subcommand belong to the editor; after it, to the subcommand (which has its own --profile…).
  .enablePositionalOptions()
  .option('--profile <name>', 'AWS profile from the shared config files (opens AWS instead of the local server)')
  .option('--region <region>', 'AWS region')
  .option('--endpoint-url <url>', 'Cognito Sync endpoint (e.g. a `cogsync serve` on another port)')
  .option('--readonly', 'refuse every write')
  .option('--identity-pool-id <id>', 'open this identity pool directly')
  .option('--identity-id <id>', 'open this identity directly (with --identity-pool-id)')
  .option('--dataset-name <name>', 'open this dataset directly (with --identity-pool-id and --identity-id)')
  .option('--watch', 'watch mode from the start: poll the open dataset for changes made elsewhere (w toggles)')
  .option('--watch-interval <seconds>', 'seconds between watch polls (default 5; backs off on errors)')
  .option('--log <file>', 'append every AWS call to FILE as JSON lines (secrets removed), as the request inspector (i) shows them')
  .action(async (opts: EditorFlagValues) => {
    const { editorOptionsFromFlags } = await import('./ui/editor-flags.js');
    const parsed = editorOptionsFromFlags(opts);
    if ('error' in parsed) return usageError(parsed.error);
    const { runEditor } = await import('./ui/run-editor.js');
    process.exitCode = await runEditor(parsed.options);
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
  .action(async (opts: { host: string; port: number; db?: string; inMemory?: boolean; seed?: 'demo'; tokenTtl: number; auth: 'none' | 'sigv4'; accessKeyId?: string; secretAccessKey?: string }) => {
    if (opts.db && opts.inMemory) return usageError('--db and --in-memory cannot be used together');
    const { runServe } = await import('./local/serve-command.js');
    await runServe(opts);
  });

// The editor alone (no word on the command line that could be a subcommand) does not need the scripted commands.
if (mayNameSubcommand(process.argv.slice(2), program.options)) {
  const [{ registerCommands }, { registerConfigCommands, registerHistoryCommand }] = await Promise.all([
    import('./commands/index.js'),
    import('./commands/settings-commands.js'),
  ]);
  registerCommands(program);
  registerConfigCommands(program);
  registerHistoryCommand(program);
}

/** A bad combination of flags: one line and exit code 2, without the whole help text. */
function usageError(message: string): void {
  process.stderr.write(`cogsync: ${message}\n`);
  process.exitCode = 2;
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

await program.parseAsync(process.argv);
