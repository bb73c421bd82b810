/**
 * The `:` command palette (UX.md §1.2): parsing a command line and Tab completion.
 * `:pool <id|name>`, `:identity <id>`, `:dataset <name>`, `:conn`, `:rw`/`:ro`, `:help`, `:q`; a pasted id
 * without a command jumps to it.
 */

export type PaletteCommand =
  | { kind: 'pool'; arg: string }
  | { kind: 'identity'; arg: string }
  | { kind: 'dataset'; arg: string }
  /** A bare id (pasted): a pool or an identity, decided by what is loaded. */
  | { kind: 'id'; arg: string }
  | { kind: 'conn' }
  /** `:rw` allows writes on a read-only connection for this session; `:ro` refuses them again. */
  | { kind: 'rw' }
  | { kind: 'ro' }
  | { kind: 'help' }
  | { kind: 'quit' };

export const PALETTE_COMMANDS = ['pool', 'identity', 'dataset', 'conn', 'rw', 'ro', 'help', 'q'] as const;
export type PaletteCommandName = (typeof PALETTE_COMMANDS)[number];
/** `:pool, :identity, …, :q`: every hint that names the commands names all of them. */
export const PALETTE_COMMAND_LIST = PALETTE_COMMANDS.map((c) => `:${c}`).join(', ');

const ALIASES: Readonly<Record<string, PaletteCommandName>> = {
  pool: 'pool', pools: 'pool', identity: 'identity', id: 'identity', dataset: 'dataset', ds: 'dataset',
  conn: 'conn', connection: 'conn', connections: 'conn', rw: 'rw', ro: 'ro', help: 'help', q: 'q', quit: 'q',
};

/** Identity pool and identity ids share this shape (`us-east-1:0f1e…`). */
export const AWS_ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;

export type ParsedPalette = { ok: true; command: PaletteCommand } | { ok: false; error: string };

export function parsePalette(line: string): ParsedPalette {
  const text = line.trim().replace(/^:/, '').trim();
  if (text === '') return { ok: false, error: `type a command: ${PALETTE_COMMAND_LIST}` };
  const space = text.search(/\s/);
  const word = space < 0 ? text : text.slice(0, space);
  const arg = space < 0 ? '' : text.slice(space).trim();
  const name = ALIASES[word.toLowerCase()];
  if (!name) {
    if (AWS_ID_PATTERN.test(text)) return { ok: true, command: { kind: 'id', arg: text } };
    return { ok: false, error: `unknown command '${word}' (try ${PALETTE_COMMAND_LIST})` };
  }
  switch (name) {
    case 'pool':
    case 'identity':
    case 'dataset':
      if (!arg) return { ok: false, error: `:${name} needs ${name === 'pool' ? 'an id or a name' : name === 'identity' ? 'an id' : 'a name'}` };
      return { ok: true, command: { kind: name, arg } };
    case 'conn': return { ok: true, command: { kind: 'conn' } };
    case 'rw': return { ok: true, command: { kind: 'rw' } };
    case 'ro': return { ok: true, command: { kind: 'ro' } };
    case 'help': return { ok: true, command: { kind: 'help' } };
    case 'q': return { ok: true, command: { kind: 'quit' } };
  }
}

/** What each argument-taking command can complete to (loaded names and ids). */
export interface PaletteCandidates {
  pool?: readonly string[];
  identity?: readonly string[];
  dataset?: readonly string[];
}

export interface Completion {
  /** The new input line. */
  input: string;
  /** Everything that still matches (shown under the input). */
  matches: string[];
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i].toLowerCase() === w[i].toLowerCase()) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** Candidates for the current input (prefix matches, case-insensitive), for display and Tab. */
export function suggestions(input: string, candidates: PaletteCandidates): string[] {
  const text = input.replace(/^:/, '');
  const space = text.search(/\s/);
  if (space < 0) return PALETTE_COMMANDS.filter((c) => c.startsWith(text.toLowerCase()));
  const name = ALIASES[text.slice(0, space).toLowerCase()];
  if (name !== 'pool' && name !== 'identity' && name !== 'dataset') return [];
  const typed = text.slice(space).trimStart().toLowerCase();
  const unique = [...new Set(candidates[name] ?? [])];
  return unique.filter((c) => c.toLowerCase().startsWith(typed));
}

/**
 * Tab: one match completes fully (a command name gains a space); several complete to their
 * longest common prefix; none leaves the input as it is.
 */
export function complete(input: string, candidates: PaletteCandidates): Completion {
  const matches = suggestions(input, candidates);
  if (matches.length === 0) return { input, matches };
  const text = input.replace(/^:/, '');
  const space = text.search(/\s/);
  const head = space < 0 ? '' : `${text.slice(0, space)} `;
  const typed = space < 0 ? text : text.slice(space).trimStart();
  const completed = matches.length === 1 ? matches[0] + (space < 0 ? ' ' : '') : commonPrefix(matches);
  // Never shorten what was typed (a case-insensitive prefix may differ in case only).
  const next = completed.length >= typed.length ? completed : typed;
  return { input: head + next, matches };
}
