// The `config` and `history` commands as commander sees them. Their work (the conf-backed
// settings store, the journal, table output) is imported when one of them runs: registering
// them happens on every scripted command, and loading conf and ajv there cost ~30 ms of each
// `cogsync list-records`.
import type { Command } from 'commander';
import { globalFlags, readsLeadingGlobals } from './global-options.js';
import type { HistoryOptions } from './history.js';
import { processIO, type CommandIO } from './io.js';

export function registerConfigCommands(program: Command, io: () => CommandIO = processIO): void {
  const config = program
    .command('config')
    .description('Show or change cogsync settings: connections, preferences, keymap (never credentials)');
  config
    .command('path')
    .description('print where the settings file is')
    .action(async () => void (process.exitCode = (await import('./config.js')).configPath(io())));
  config
    .command('get <key>')
    .description('print a setting: preferences.theme, connections.prod, keymap.app.quit… (exit 1 when unset)')
    .action(async (key: string) => void (process.exitCode = (await import('./config.js')).configGet(io(), key)));
  config
    .command('set <key> <value>')
    .description('change a setting; the value is JSON when it parses (true, 3, ["q"]; null removes), else text; a text setting keeps 12345 as text')
    .action(async (key: string, value: string) => void (process.exitCode = (await import('./config.js')).configSet(io(), key, value)));
  config
    .command('edit')
    .description('open the settings file in $VISUAL / $EDITOR and check it afterwards')
    .action(async () => void (process.exitCode = (await import('./config.js')).configEdit(io())));
}

export function registerHistoryCommand(program: Command, io: () => CommandIO = processIO): void {
  const history = program.command('history');
  // `cogsync --output table history`, as with every other command that takes --output.
  readsLeadingGlobals(history)
    .description('committed batches from the journal, newest first (what changed, before and after)')
    .option('--identity-id <id>', 'only this identity')
    .option('--dataset-name <name>', 'only this dataset')
    .option('--identity-pool-id <id>', 'only this identity pool')
    .option('--connection <name>', 'only this connection')
    .option('--limit <n>', 'at most this many batches', (v) => Number(v))
    .option('--output <format>', 'json (default) or table')
    .action(async (options: HistoryOptions, command: Command) => {
      const output = globalFlags(command).output;
      process.exitCode = (await import('./history.js')).runHistory(io(), { ...options, ...(output === undefined ? {} : { output }) });
    });
}
