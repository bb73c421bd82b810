/**
 * `E`: edit a value in $VISUAL / $EDITOR (UX.md §3 pitfalls 3 and 4). The value goes to a
 * private temp file; the terminal leaves raw mode DIRECTLY on process.stdin (Ink counts
 * setRawMode calls per hook, so its own setter would leave the TTY raw under the editor);
 * the editor runs with spawnSync and inherited stdio (an async spawn would let Ink read the
 * editor's keys); then raw mode, the alternate screen and a hidden cursor come back, and the
 * caller dispatches a change so Ink draws a fresh frame.
 */
import { spawnSync as nodeSpawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE } from '../bracketed-paste.js';

export type EditorResult =
  | { readonly status: 'saved'; readonly text: string }
  | { readonly status: 'unchanged' }
  | { readonly status: 'failed'; readonly message: string };

export interface ExternalEditorIo {
  env: NodeJS.ProcessEnv;
  spawnSync: typeof nodeSpawnSync;
  stdin: { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: { write(text: string): unknown };
}

export const defaultEditorIo = (): ExternalEditorIo => ({ env: process.env, spawnSync: nodeSpawnSync, stdin: process.stdin, stdout: process.stdout });

/** GUI editors return at once unless told to wait for the file to close. */
const WAIT_FLAGS: Readonly<Record<string, string>> = { code: '--wait', codium: '--wait', cursor: '--wait', subl: '--wait', zed: '--wait', atom: '--wait', mate: '-w' };

/** Splits `code --wait` or `"/opt/my editor/bin/ed" -x` into a command and arguments. */
export function splitCommand(line: string): string[] {
  const parts: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) parts.push(match[1] ?? match[2] ?? match[3]);
  return parts;
}

/** `$VISUAL` > `$EDITOR` > `vi`, with `--wait` added for GUI editors that need it. */
export function editorCommand(env: NodeJS.ProcessEnv): { command: string; args: string[] } {
  const line = [env.VISUAL, env.EDITOR].find((v) => v !== undefined && v.trim() !== '') ?? 'vi';
  const [command, ...args] = splitCommand(line);
  const wait = WAIT_FLAGS[basename(command).replace(/\.(exe|cmd)$/i, '')];
  if (wait && !args.includes(wait) && !args.includes('-w')) args.push(wait);
  return { command, args };
}

const ENTER_ALT_SCREEN = '\u001b[?1049h';
// Clear as well as home: Ink's next frame erases only the lines it thinks it drew, counted
// up from the cursor; from the top-left that erases one line and stale text showed through.
const CLEAR_HOME_HIDDEN = '\u001b[2J\u001b[H\u001b[?25l';

/**
 * What the editor saved, as a value: CRLF read back as LF unless the value already held
 * CRLF (then it is the value's own text, not a Windows editor's line ending), and one line
 * end the editor added at the end of a value that had none dropped.
 */
export function valueFromEditor(saved: string, initial: string): string {
  // A value ending in a lone CR, saved back with only the newline an editor adds: its CR is the value's own.
  if (initial.endsWith('\r') && saved === `${initial}\n`) return initial;
  const crlf = initial.includes('\r\n');
  const text = crlf ? saved : saved.replace(/\r\n/g, '\n');
  const eol = crlf && text.endsWith('\r\n') ? '\r\n' : '\n';
  if (initial.endsWith('\n') || !text.endsWith(eol) || text.endsWith(eol + eol)) return text;
  return text.slice(0, -eol.length);
}

/**
 * Runs the editor on `initial` (a `.json` file when `json`, so editors highlight it) and
 * returns what was saved (see valueFromEditor). A file the editor left byte for byte as
 * written is `unchanged` without decoding it: a value with a lone surrogate half comes back
 * from UTF-8 as U+FFFD and would look edited.
 */
export function runExternalEditor(initial: string, options: { json: boolean }, io: ExternalEditorIo = defaultEditorIo()): EditorResult {
  const { command, args } = editorCommand(io.env);
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-edit-'));
  const file = join(dir, options.json ? 'value.json' : 'value.txt');
  const raw = io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function';
  try {
    const written = Buffer.from(initial, 'utf8');
    writeFileSync(file, written, { mode: 0o600 });
    if (raw) io.stdin.setRawMode!(false);
    // The editor gets the terminal as a shell leaves it; bracketed paste comes back on after.
    io.stdout.write(DISABLE_BRACKETED_PASTE);
    let result: ReturnType<typeof nodeSpawnSync>;
    try {
      result = io.spawnSync(command, [...args, file], { stdio: 'inherit', env: io.env });
    } finally {
      if (raw) io.stdin.setRawMode!(true);
      // Editors leave the alternate screen on exit: come back to a clean one.
      io.stdout.write(ENTER_ALT_SCREEN + CLEAR_HOME_HIDDEN + ENABLE_BRACKETED_PASTE);
    }
    const error = result.error as NodeJS.ErrnoException | undefined;
    if (error?.code === 'ENOENT') return { status: 'failed', message: `editor not found: ${command} (set $VISUAL or $EDITOR)` };
    if (error) return { status: 'failed', message: `could not start the editor ${command}: ${error.message}` };
    if (result.signal) return { status: 'failed', message: `the editor ${command} was stopped by ${result.signal}; nothing staged` };
    if (result.status !== 0) return { status: 'failed', message: `the editor ${command} exited with status ${result.status}; nothing staged` };
    const saved = readFileSync(file);
    if (saved.equals(written)) return { status: 'unchanged' };
    const text = valueFromEditor(saved.toString('utf8'), initial);
    return text === initial ? { status: 'unchanged' } : { status: 'saved', text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
