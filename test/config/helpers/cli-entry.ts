// A `cogsync` entry with only the config and history commands, wired as src/cli.ts wires
// them, so child-process tests run them exactly as a user would.
import { Command } from 'commander';
import { registerConfigCommands } from '../../../src/commands/config.js';
import { registerHistoryCommand } from '../../../src/commands/history.js';

const program = new Command().name('cogsync').showHelpAfterError();
registerConfigCommands(program);
registerHistoryCommand(program);
await program.parseAsync(process.argv);
