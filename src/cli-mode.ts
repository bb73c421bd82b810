// Whether a command line can name a subcommand. The editor (`cogsync` with only its own options) then skips
// registering the ~40 scripted commands, which costs 10–15 ms of startup it never uses. Reads the program's own
// option list, so an editor option added later is understood without changes here; when in doubt the answer is yes.
import type { Option } from 'commander';

/** True when `args` (process.argv without node and the script) holds a word that is not an editor option's value. */
export function mayNameSubcommand(args: readonly string[], editorOptions: readonly Option[]): boolean {
  const takesValue = new Set<string>();
  const known = new Set<string>();
  for (const option of editorOptions) {
    for (const flag of [option.long, option.short]) {
      if (!flag) continue;
      known.add(flag);
      if (option.required || option.optional) takesValue.add(flag);
    }
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return true; // what follows is positional
    if (arg === '-h' || arg === '--help' || arg === 'help') return true; // help lists the subcommands
    if (!arg.startsWith('-') || arg === '-') return true;
    if (arg.startsWith('--') && arg.includes('=')) continue;
    if (!known.has(arg)) return true; // commander reports unknown options; let it see everything
    // Commander takes the next word as the value, of a required <x> and of an optional [x] alike.
    if (takesValue.has(arg)) i++;
  }
  return false;
}
