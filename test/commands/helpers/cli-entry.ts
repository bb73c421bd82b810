// A minimal `cogsync` entry holding only the scripted commands, as src/cli.ts wires them:
// lets the child-process tests run the commands exactly as a user would.
import { Command } from 'commander';
import { registerCommands } from '../../../src/commands/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const program = new Command().name('cogsync').showHelpAfterError();
registerCommands(program);
await program.parseAsync(process.argv);
