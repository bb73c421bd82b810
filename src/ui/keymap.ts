/**
 * Keys as data (UX.md §1.3, §2.4): every shortcut of the editor is a command id bound to
 * keys here and nowhere else. The footer, the `?` overlay and "Disabled: …" messages read
 * labels from this table; the dispatcher asks `commandFor` what a keypress means.
 *
 * Adding a command: add it to COMMANDS with its default keys and a description. Its scope is
 * the prefix before the dot; SCOPE_GROUPS says which scopes are live together and therefore
 * may not share a key.
 */
import type { Key } from 'ink';
import { formatKey, keyIdentity, matchesKey, parseKey, type KeySpec } from './key-spec.js';

interface CommandInfo {
  readonly keys: readonly string[];
  readonly description: string;
}

export const COMMANDS = {
  // Everywhere
  'app.help': { keys: ['?'], description: 'help: every key of this screen' },
  'app.palette': { keys: [':'], description: 'command palette (:pool, :identity, :dataset, :conn, :rw, :ro, :messages, :help, :q)' },
  'app.filter': { keys: ['/'], description: 'filter the list' },
  'app.back': { keys: ['escape', 'backspace'], description: 'back / close' },
  'app.refresh': { keys: ['r'], description: 'refresh (keeps staged changes)' },
  'app.review': { keys: ['c'], description: 'review staged changes' },
  'app.undo': { keys: ['u', 'z'], description: 'undo a staged edit' },
  'app.redo': { keys: ['ctrl+r', 'Z'], description: 'redo' },
  'app.quit': { keys: ['q', 'ctrl+c'], description: 'quit (asks when changes are staged)' },
  'app.inspector': { keys: ['i'], description: 'request inspector: every AWS call of this session (Enter shows one)' },
  // Lists
  'list.up': { keys: ['up', 'k'], description: 'previous row' },
  'list.down': { keys: ['down', 'j'], description: 'next row' },
  'list.pageUp': { keys: ['pageup'], description: 'page up' },
  'list.pageDown': { keys: ['pagedown'], description: 'page down' },
  'list.home': { keys: ['home', 'g'], description: 'first row' },
  'list.end': { keys: ['end', 'G'], description: 'last row' },
  'list.open': { keys: ['enter'], description: 'open' },
  // Records screen
  'records.edit': { keys: ['e'], description: 'edit inline (Enter stages, Esc cancels)' },
  'records.editExternal': { keys: ['E'], description: 'edit in $EDITOR' },
  'records.add': { keys: ['a'], description: 'add a record' },
  'records.remove': { keys: ['d'], description: 'stage a remove' },
  'records.discardAll': { keys: ['x'], description: 'discard all staged changes (asks)' },
  'records.copyValue': { keys: ['y'], description: 'copy value' },
  'records.copyKey': { keys: ['Y'], description: 'copy key' },
  'records.toggleTombstones': { keys: ['T'], description: 'show / hide removed records (tombstones)' },
  'records.history': { keys: ['H'], description: 'history of commits to this dataset (revert one: review, then send)' },
  'records.watch': { keys: ['w'], description: 'watch mode on/off: poll the server, R marks remote changes, ! staged keys a commit will ask about' },
  'records.timeline': { keys: ['t'], description: 'sync timeline: which device changed which keys at each SyncCount' },
  'records.demoWrite': { keys: ['D'], description: 'demo: write this record as a second device (local, writable connection only)' },
  // Datasets screen
  'datasets.compare': { keys: ['C'], description: 'compare a merged dataset (m) with its main dataset; stage its records there' },
  'datasets.deleteMerged': { keys: ['d'], description: 'delete a merged dataset (m) (asks)' },
  // Request inspector (i), sync timeline (t), merged dataset comparison (C): lists
  'inspector.close': { keys: ['escape', 'i'], description: 'back to the list / close the inspector' },
  'timeline.close': { keys: ['escape', 't'], description: 'close the timeline' },
  'compare.stage': { keys: ['s'], description: "stage this key's merged value into the main dataset" },
  'compare.stageAll': { keys: ['S'], description: 'stage every differing key into the main dataset' },
  'compare.close': { keys: ['escape'], description: 'close the comparison' },
  // Connections screen
  'connections.add': { keys: ['a'], description: 'add a connection' },
  'connections.edit': { keys: ['e'], description: 'edit the selected connection' },
  'connections.remove': { keys: ['d'], description: 'remove the selected connection (asks)' },
  'connections.test': { keys: ['t'], description: 'test the selected connection (one cheap call)' },
  // History of commits (H)
  'history.revert': { keys: ['R'], description: 'stage the inverse of this commit (review with c, then send)' },
  'history.close': { keys: ['escape'], description: 'close the history' },
  // Every error of this run (:messages)
  'messages.copy': { keys: ['y'], description: 'copy the selected message (OSC 52)' },
  'messages.close': { keys: ['escape', 'q'], description: 'close the messages' },
  // Connection form: other keys type into the focused field
  'form.save': { keys: ['enter'], description: 'save the connection' },
  'form.cancel': { keys: ['escape'], description: 'cancel (nothing saved)' },
  'form.next': { keys: ['tab', 'down'], description: 'next field' },
  'form.prev': { keys: ['shift+tab', 'up'], description: 'previous field' },
  'form.toggle': { keys: ['space', 'right'], description: 'change a choice or switch' },
  'form.toggleBack': { keys: ['left'], description: 'change a choice backwards' },
  'form.test': { keys: ['ctrl+t'], description: 'test the connection as filled in' },
  // Review of staged changes
  'review.drop': { keys: ['d'], description: 'drop this change from the batch' },
  'review.confirm': { keys: ['y'], description: 'send the batch (one UpdateRecords)' },
  'review.cancel': { keys: ['escape', 'n'], description: 'cancel (nothing is sent)' },
  // Conflict dialog
  'conflict.next': { keys: ['n'], description: 'next conflict' },
  'conflict.prev': { keys: ['p'], description: 'previous conflict' },
  'conflict.mine': { keys: ['m'], description: 'keep mine' },
  'conflict.theirs': { keys: ['t'], description: 'take theirs' },
  'conflict.edit': { keys: ['e'], description: 'edit a merged value' },
  'conflict.allMine': { keys: ['M'], description: 'keep mine for all' },
  'conflict.allTheirs': { keys: ['T'], description: 'take theirs for all' },
  'conflict.undoPick': { keys: ['u'], description: 'undo a pick' },
  'conflict.send': { keys: ['enter'], description: 'send again' },
  'conflict.back': { keys: ['escape'], description: 'back to the table (all still staged)' },
  // Text fields (inline edit, add, a merged value): every other key is text.
  'edit.submit': { keys: ['enter'], description: 'stage the value (Enter)' },
  'edit.cancel': { keys: ['escape'], description: 'cancel the edit' },
  'edit.nextField': { keys: ['tab', 'shift+tab'], description: 'next field (key / value)' },
  // Quit with staged changes
  'quit.discard': { keys: ['D'], description: 'discard the staged changes and quit' },
  // Confirmation dialogs: the confirm key differs from any opening key; Cancel has focus.
  'dialog.confirm': { keys: ['y'], description: 'confirm' },
  'dialog.cancel': { keys: ['escape', 'n'], description: 'cancel' },
  'dialog.activate': { keys: ['enter'], description: 'press the focused button' },
  'dialog.focusNext': { keys: ['tab', 'shift+tab', 'left', 'right'], description: 'move focus between buttons' },
} as const satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof COMMANDS;
export type Scope = CommandId extends `${infer S}.${string}` ? S : never;

/** Scopes that are live at the same time; a key may mean one command only within a group. */
export const SCOPE_GROUPS: readonly (readonly Scope[])[] = [
  ['app', 'list', 'records'],
  ['list', 'review'],
  ['conflict'],
  ['edit'],
  ['quit', 'dialog'],
  ['app', 'list', 'connections'],
  ['list', 'history'],
  ['form'],
  ['app', 'list', 'datasets'],
  ['list', 'inspector'],
  ['list', 'timeline'],
  ['list', 'compare'],
  ['list', 'messages'],
];

export interface Binding {
  /** As written (`ctrl+r`), for the config file. */
  readonly text: string;
  readonly spec: KeySpec;
}

export type Keymap = Readonly<Record<CommandId, readonly Binding[]>>;

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

export function scopeOf(command: CommandId): Scope {
  return command.slice(0, command.indexOf('.')) as Scope;
}

export function isCommandId(text: string): text is CommandId {
  return Object.prototype.hasOwnProperty.call(COMMANDS, text);
}

export function describeCommand(command: CommandId): string {
  return COMMANDS[command].description;
}

/** Footer words where the description's first word would not do. */
const SHORT_LABELS: Partial<Record<CommandId, string>> = {
  'app.palette': 'jump', 'app.back': 'back', 'app.review': 'review', 'app.undo': 'undo', 'app.redo': 'redo',
  'list.open': 'open', 'records.edit': 'edit', 'records.editExternal': '$EDITOR', 'records.remove': 'remove',
  'records.discardAll': 'discard', 'records.copyValue': 'copy', 'records.toggleTombstones': 'removed',
  'records.history': 'history', 'history.revert': 'revert', 'connections.test': 'test', 'form.test': 'test',
  'review.drop': 'drop', 'review.confirm': 'send', 'conflict.mine': 'mine', 'conflict.theirs': 'theirs',
  'conflict.send': 'send', 'dialog.confirm': 'confirm',
  'app.inspector': 'calls', 'records.watch': 'watch', 'records.timeline': 'timeline', 'records.demoWrite': 'demo write',
  'datasets.compare': 'compare', 'datasets.deleteMerged': 'delete merged', 'compare.stage': 'stage', 'compare.stageAll': 'stage all',
};

/** One word for the footer: `open`, `filter`, `jump`. */
export function shortLabel(command: CommandId): string {
  return SHORT_LABELS[command] ?? COMMANDS[command].description.split(/[\s:(/]/)[0];
}

function bind(text: string): Binding {
  const parsed = parseKey(text);
  if (!parsed.ok) throw new Error(`keymap default '${text}': ${parsed.error}`);
  return { text, spec: parsed.spec };
}

export const DEFAULT_KEYMAP: Keymap = Object.freeze(
  Object.fromEntries(COMMAND_IDS.map((id) => [id, Object.freeze(COMMANDS[id].keys.map(bind))])) as Record<
    CommandId,
    readonly Binding[]
  >,
);

/** Is this keypress bound to `command`? */
export function isCommand(keymap: Keymap, command: CommandId, input: string, key: Key): boolean {
  return keymap[command].some((b) => matchesKey(b.spec, input, key));
}

/** The first command among `scopes` (in keymap order) bound to this keypress, if any. */
export function commandFor(keymap: Keymap, scopes: readonly Scope[], input: string, key: Key): CommandId | undefined {
  return COMMAND_IDS.find((id) => scopes.includes(scopeOf(id)) && isCommand(keymap, id, input, key));
}

/** Short label for the footer: the first key (`↵`, `/`), or '' when unbound. */
export function keyLabel(keymap: Keymap, command: CommandId): string {
  const first = keymap[command][0];
  return first ? formatKey(first.spec) : '';
}

/** Every key of a command for the help overlay: `↑ k`. */
export function allKeyLabels(keymap: Keymap, command: CommandId): string {
  return keymap[command].map((b) => formatKey(b.spec)).join(' ');
}

export type KeymapError =
  | { kind: 'unknownCommand'; command: string; message: string }
  | { kind: 'badKey'; command: CommandId; key: string; message: string }
  | { kind: 'clash'; command: CommandId; key: string; other: CommandId; message: string }
  | { kind: 'notAnObject'; message: string };

/** Two commands of one scope group bound to the same key. */
export function findClashes(keymap: Keymap): Array<{ a: CommandId; b: CommandId; key: string }> {
  const clashes: Array<{ a: CommandId; b: CommandId; key: string }> = [];
  const seen = new Set<string>();
  for (const group of SCOPE_GROUPS) {
    const owner = new Map<string, CommandId>();
    for (const id of COMMAND_IDS) {
      if (!group.includes(scopeOf(id))) continue;
      for (const b of keymap[id]) {
        const k = keyIdentity(b.spec);
        const other = owner.get(k);
        if (other && other !== id) {
          const tag = [other, id, k].join('|');
          if (!seen.has(tag)) clashes.push({ a: other, b: id, key: b.text });
          seen.add(tag);
        } else owner.set(k, id);
      }
    }
  }
  return clashes;
}

/**
 * A hand-edited override as the error shows it. Lists and objects are named, not printed:
 * a value nested thousands deep would overflow the stack in String() or JSON.stringify().
 */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list holding something other than keys';
  return value !== null && typeof value === 'object' ? 'an object' : String(value);
}

/**
 * Merges user overrides (command id → keys; `[]` unbinds) into `base`. Bad entries change
 * nothing and come back as errors, so a broken config file never breaks the editor:
 * unknown commands and unparsable keys are skipped; an override that makes two commands of
 * one scope group share a key is reverted to the default.
 */
export function applyOverrides(
  overrides: unknown,
  base: Keymap = DEFAULT_KEYMAP,
): { keymap: Keymap; errors: KeymapError[] } {
  const errors: KeymapError[] = [];
  // A hand-edited `"keymap": "q"`: ignored as a whole, said once (the saved connections stay).
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    const shown = Array.isArray(overrides) ? 'a list' : JSON.stringify(overrides)?.slice(0, 40) ?? String(overrides);
    return { keymap: base, errors: [{ kind: 'notAnObject', message: `expected an object of command → key or keys, not ${shown}; no override applied` }] };
  }
  const next: Record<CommandId, readonly Binding[]> = { ...base };
  const changed = new Set<CommandId>();
  for (const [command, value] of Object.entries(overrides)) {
    if (!isCommandId(command)) {
      errors.push({ kind: 'unknownCommand', command, message: `unknown command '${command}'` });
      continue;
    }
    const texts = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) {
      const shown = shapeOf(value);
      errors.push({ kind: 'badKey', command, key: shown, message: `${command}: expected a key or a list of keys, not ${shown}` });
      continue;
    }
    const bindings: Binding[] = [];
    let bad = false;
    for (const text of texts as string[]) {
      const parsed = parseKey(text);
      if (parsed.ok) bindings.push({ text, spec: parsed.spec });
      else {
        bad = true;
        errors.push({ kind: 'badKey', command, key: text, message: `${command}: ${parsed.error}` });
      }
    }
    if (bad) continue;
    next[command] = Object.freeze(bindings);
    changed.add(command);
  }
  // Revert overridden commands that clash, until none is left (defaults never clash).
  for (let clashes = findClashes(next); clashes.length > 0; clashes = findClashes(next)) {
    const { a, b, key } = clashes[0];
    const culprit = changed.has(b) ? b : changed.has(a) ? a : undefined;
    if (!culprit) throw new Error(`keymap: base keymap clashes on '${key}' (${a}, ${b})`);
    const other = culprit === a ? b : a;
    errors.push({
      kind: 'clash',
      command: culprit,
      key,
      other,
      message: `${culprit}: '${key}' is already bound to ${other}; keeping the default for ${culprit}`,
    });
    next[culprit] = base[culprit];
    changed.delete(culprit);
  }
  return { keymap: Object.freeze(next), errors };
}
