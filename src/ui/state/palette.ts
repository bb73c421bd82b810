/**
 * The `:` command palette (UX.md §1.2): parsing a command line and Tab completion.
 * `:pool <id|name>`, `:identity <id>`, `:dataset <name>`, `:conn`, `:rw`/`:ro`, `:help`, `:q`; a pasted id
 * without a command jumps to it.
 */

import { sanitizeLine } from '../../util/sanitize.js';
import { displayWidth } from '../../util/truncate.js';

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
  /** Every error of this run, whole (the error line cuts a long one). */
  | { kind: 'messages' }
  | { kind: 'quit' };

export const PALETTE_COMMANDS = ['pool', 'identity', 'dataset', 'conn', 'rw', 'ro', 'messages', 'help', 'q'] as const;
export type PaletteCommandName = (typeof PALETTE_COMMANDS)[number];
/** `:pool, :identity, …, :q`: every hint that names the commands names all of them. */
export const PALETTE_COMMAND_LIST = PALETTE_COMMANDS.map((c) => `:${c}`).join(', ');

const ALIASES: Readonly<Record<string, PaletteCommandName>> = {
  pool: 'pool', pools: 'pool', identity: 'identity', id: 'identity', dataset: 'dataset', ds: 'dataset',
  conn: 'conn', connection: 'conn', connections: 'conn', rw: 'rw', ro: 'ro', help: 'help', q: 'q', quit: 'q',
  messages: 'messages', message: 'messages', errors: 'messages',
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
    case 'messages': return { ok: true, command: { kind: 'messages' } };
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

/** The word Tab completes: the command word or the argument, `[start, end)` in the line, matched on `prefix`. */
interface WordAt {
  /** What completes it: the command names, or the loaded names of the command's argument. */
  readonly source: 'command' | keyof PaletteCandidates;
  readonly start: number;
  /** The end of the word the cursor is in (the next blank or the end of the line). */
  readonly end: number;
  /** The part of the word before the cursor: what candidates must start with. */
  readonly prefix: string;
}

/**
 * The word at the cursor. The command word is the first one (after an optional `:`); the argument is everything
 * after it (a pool's name may hold spaces: `:pool My P▌` matches on `My P`), up to the next blank after the cursor.
 * undefined when nothing completes there (a command without an argument, an unknown one, the cursor before the `:`).
 */
function wordAt(line: string, cursor: number): WordAt | undefined {
  const commandStart = /^\s*:?\s*/.exec(line)![0].length;
  const blankFrom = (i: number) => { const b = line.slice(i).search(/\s/); return b < 0 ? line.length : i + b; };
  const commandEnd = blankFrom(commandStart);
  if (cursor < commandStart) return undefined;
  if (cursor <= commandEnd) return { source: 'command', start: commandStart, end: commandEnd, prefix: line.slice(commandStart, cursor) };
  const name = ALIASES[line.slice(commandStart, commandEnd).toLowerCase()];
  if (name !== 'pool' && name !== 'identity' && name !== 'dataset') return undefined;
  const argStart = Math.min(cursor, commandEnd + /^\s*/.exec(line.slice(commandEnd))![0].length);
  return { source: name, start: argStart, end: blankFrom(cursor), prefix: line.slice(argStart, cursor) };
}

function matchesFor(word: WordAt, candidates: PaletteCandidates): string[] {
  const typed = word.prefix.toLowerCase();
  if (word.source === 'command') return PALETTE_COMMANDS.filter((c) => c.startsWith(typed));
  return [...new Set(candidates[word.source] ?? [])].filter((c) => c.toLowerCase().startsWith(typed));
}

/** Candidates for the word at the cursor (prefix matches on the part before it, case-insensitive): shown under the line. */
export function suggestionsAt(line: string, cursor: number, candidates: PaletteCandidates): string[] {
  const word = wordAt(line, cursor);
  return word ? matchesFor(word, candidates) : [];
}

/** Candidates for the input with the cursor at its end. */
export function suggestions(input: string, candidates: PaletteCandidates): string[] {
  return suggestionsAt(input, input.length, candidates);
}

export interface CompletionAt {
  readonly line: string;
  readonly cursor: number;
  /** Everything that matches the word at the cursor (shown under the line). */
  readonly matches: string[];
}

/**
 * Tab, as in a shell: completes the word at the cursor (the command word or the argument) from the part of it before
 * the cursor; the rest of the line stays. One match replaces the whole word (a command name at the end of the line
 * gains a space) and the cursor ends after it; several extend the part before the cursor to their longest common
 * prefix and keep the rest of the word (nothing typed is lost); none changes nothing.
 */
export function completeAt(line: string, cursor: number, candidates: PaletteCandidates): CompletionAt {
  const word = wordAt(line, cursor);
  const matches = word ? matchesFor(word, candidates) : [];
  if (!word || matches.length === 0) return { line, cursor, matches };
  let replaced: string;
  let end: number;
  if (matches.length === 1) {
    replaced = matches[0] + (word.source === 'command' && word.end === line.length ? ' ' : '');
    end = word.end;
  } else {
    const common = commonPrefix(matches);
    // Never shorten what was typed (a case-insensitive prefix may differ in case only).
    replaced = common.length >= word.prefix.length ? common : word.prefix;
    end = cursor;
  }
  return { line: line.slice(0, word.start) + replaced + line.slice(end), cursor: word.start + replaced.length, matches };
}

/** Tab with the cursor at the end of the input. */
export function complete(input: string, candidates: PaletteCandidates): Completion {
  const done = completeAt(input, input.length, candidates);
  return { input: done.line, matches: done.matches };
}

export interface FittedMatches {
  /** The matches that fit, two spaces apart (control characters made visible). */
  readonly shown: string;
  /** How many did not fit; 0 when all are shown. */
  readonly hidden: number;
}

/**
 * As many matches as fit in `columns`, in order, leaving room for the `  +N` that counts the rest: a wide
 * terminal lists every dataset of a big identity, a narrow one still shows the first.
 */
export function fitMatches(matches: readonly string[], columns: number): FittedMatches {
  const parts: string[] = [];
  let used = 0;
  for (let i = 0; i < matches.length; i++) {
    const part = sanitizeLine(matches[i]);
    const width = (parts.length > 0 ? 2 : 0) + displayWidth(part);
    const left = matches.length - i - 1;
    const countWidth = left > 0 ? `  +${left}`.length : 0;
    if (parts.length > 0 && used + width + countWidth > columns) break;
    parts.push(part);
    used += width;
  }
  return { shown: parts.join('  '), hidden: matches.length - parts.length };
}
