// The editor's command line: its options (one table, which the commander program also registers, so --help lists
// them) and a fast path that reads a plain editor command line with node:util's parseArgs. Loading commander and
// building its program took ~10 ms of CPU from each editor start (interleaved A/B of 21 starts) that a plain
// `cogsync [editor options]` never needs; anything else (a subcommand, --help, --version, a mistake) goes to
// commander, which explains it.
import { parseArgs } from 'node:util';
import type { EditorFlagValues } from './ui/editor-flags.js';

export interface EditorOption {
  /** `--endpoint-url` */
  flag: `--${string}`;
  /** `<url>` for an option taking a value; none for a switch. */
  value?: `<${string}>`;
  /** The EditorFlagValues member it sets (commander's camel case of the flag). */
  name: keyof EditorFlagValues;
  description: string;
}

export const EDITOR_OPTIONS: readonly EditorOption[] = [
  { flag: '--profile', value: '<name>', name: 'profile', description: 'AWS profile from the shared config files (opens AWS instead of the local server)' },
  { flag: '--region', value: '<region>', name: 'region', description: 'AWS region' },
  { flag: '--endpoint-url', value: '<url>', name: 'endpointUrl', description: 'Cognito Sync endpoint (e.g. a `cogsync serve` on another port)' },
  { flag: '--readonly', name: 'readonly', description: 'refuse every write' },
  { flag: '--identity-pool-id', value: '<id>', name: 'identityPoolId', description: 'open this identity pool directly' },
  { flag: '--identity-id', value: '<id>', name: 'identityId', description: 'open this identity directly (with --identity-pool-id)' },
  { flag: '--dataset-name', value: '<name>', name: 'datasetName', description: 'open this dataset directly (with --identity-pool-id and --identity-id)' },
  { flag: '--watch', name: 'watch', description: 'watch mode from the start: poll the open dataset for changes made elsewhere (w toggles)' },
  { flag: '--watch-interval', value: '<seconds>', name: 'watchInterval', description: 'seconds between watch polls (default 5; backs off on errors)' },
  { flag: '--log', value: '<file>', name: 'log', description: 'append every AWS call to FILE as JSON lines (secrets removed), as the request inspector (i) shows them' },
];

const PARSE_OPTIONS = Object.fromEntries(
  EDITOR_OPTIONS.map((o) => [o.flag.slice(2), { type: o.value ? ('string' as const) : ('boolean' as const) }]),
);

/**
 * The editor's flags when `args` (process.argv after the script) holds nothing but editor options with their values;
 * undefined for anything else: a word (a subcommand), `--`, an unknown option such as --help, a missing or
 * ambiguous value (`--profile --readonly`), a value given to a switch. Commander then parses the same line and has
 * the last word, so this never accepts what commander would refuse.
 */
export function plainEditorFlags(args: readonly string[]): EditorFlagValues | undefined {
  if (args.includes('--')) return undefined;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof PARSE_OPTIONS; strict: true; allowPositionals: false }>>;
  try {
    parsed = parseArgs({ args: [...args], options: PARSE_OPTIONS, strict: true, allowPositionals: false });
  } catch {
    return undefined;
  }
  const flags: Record<string, string | boolean> = {};
  for (const option of EDITOR_OPTIONS) {
    const value = parsed.values[option.flag.slice(2)];
    if (value !== undefined) flags[option.name] = value;
  }
  return flags as EditorFlagValues;
}

/**
 * The exit code of a bad command line, the AWS CLI's (commands/errors.ts ExitCode.Usage; a test keeps them equal).
 * Not imported from there: the editor's start loads nothing of the scripted commands.
 */
export const USAGE_EXIT_CODE = 252;

/** A bad combination of flags: one line and the exit code of any bad command line, without the whole help text. */
export function usageError(message: string): void {
  process.stderr.write(`cogsync: ${message}\n`);
  process.exitCode = USAGE_EXIT_CODE;
}

/** Checks the flags and runs the editor until it quits (the exit code goes to process.exitCode). */
export async function runEditorWithFlags(flags: EditorFlagValues): Promise<void> {
  const { editorOptionsFromFlags } = await import('./ui/editor-flags.js');
  const parsed = editorOptionsFromFlags(flags);
  if ('error' in parsed) return usageError(parsed.error);
  const { runEditor } = await import('./ui/run-editor.js');
  process.exitCode = await runEditor(parsed.options);
}
