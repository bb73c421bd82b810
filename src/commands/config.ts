// `cogsync config path|get|set|edit`: the settings file from a script or a shell. `get` and
// `set` take dotted paths (`preferences.theme`, `connections.prod.region`, `keymap.app.quit`);
// `edit` opens the file in $VISUAL / $EDITOR and checks it afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../config/atomic-file.js';
import { checkConfigFile } from '../config/check-config.js';
import { ConfigError } from '../config/config-error.js';
import { configFilePath, openConfigStore } from '../config/store.js';
import { cogsyncPaths, defaultDatabasePath } from '../config/paths.js';
import { JOURNAL_FILE_NAME } from '../config/journal.js';
import { join } from 'node:path';
import { sanitizeMultiline } from '../util/sanitize.js';
import { ExitCode, fileSystemReason, isFileSystemError, type ExitCodeValue } from './errors.js';
import type { CommandIO } from './io.js';

/** Runs the editor on a file, attached to the terminal. Injected by tests. */
export type EditorRunner = (editor: string, file: string, env: NodeJS.ProcessEnv) => { status: number | null; error?: Error };

export function configPath(io: CommandIO): ExitCodeValue {
  io.stdout(`${configFilePath(io.env)}\n`);
  return ExitCode.Ok;
}

/**
 * `cogsync --info`: where cogsync keeps what it keeps (as `k9s info` does), so support staff can find a draft, the
 * journal or the local database without reading the docs. Paths only; nothing is read or created.
 */
export function configInfo(io: CommandIO, version: string): ExitCodeValue {
  const { data } = cogsyncPaths(io.env);
  const rows: Array<[string, string]> = [
    ['settings', configFilePath(io.env)],
    ['drafts', join(data, 'drafts')],
    ['journal', join(data, JOURNAL_FILE_NAME)],
    ['local database', `${defaultDatabasePath(io.env)} (the editor's embedded server, and cogsync serve without --db)`],
    ['COGSYNC_HOME', io.env.COGSYNC_HOME ? io.env.COGSYNC_HOME : '(not set: the platform folders above)'],
  ];
  io.stdout(`cogsync ${version}\n${rows.map(([name, value]) => `${name.padEnd(15)} ${value}`).join('\n')}\n`);
  return ExitCode.Ok;
}

/** Strings print as they are (like `aws configure get`), anything else as JSON. Unset: exit 1, no output. */
export function configGet(io: CommandIO, key: string): ExitCodeValue {
  return guarded(io, () => {
    const store = openConfigStore({ env: io.env });
    showNotices(io, store.notices);
    const value = store.get(key);
    // Unset: exit 1 and print nothing, as `aws configure get` does.
    if (value === undefined) return 1;
    io.stdout(typeof value === 'string' ? `${sanitizeMultiline(value)}\n` : `${JSON.stringify(value, undefined, 2)}\n`);
    return ExitCode.Ok;
  });
}

/**
 * The value is JSON when it parses as JSON (`true`, `3`, `["q"]`, `null` removes), else a plain
 * string; a key that holds text takes a bare number as that text (`preferences.deviceId 12345`).
 */
export function configSet(io: CommandIO, key: string, text: string): ExitCodeValue {
  return guarded(io, () => {
    const store = openConfigStore({ env: io.env });
    showNotices(io, store.notices);
    store.setText(key, text);
    return ExitCode.Ok;
  });
}

export function configEdit(io: CommandIO, run: EditorRunner = runEditor): ExitCodeValue {
  return guarded(io, () => editAndCheck(io, run));
}

function editAndCheck(io: CommandIO, run: EditorRunner): ExitCodeValue {
  const path = configFilePath(io.env);
  // A file that does not exist yet starts as the defaults, so there is something to edit.
  if (!existsSync(path)) writeFileAtomic(path, `${JSON.stringify({ connections: [], preferences: {}, keymap: {} }, undefined, '\t')}\n`);
  const editor = pickEditor(io.env);
  const result = run(editor, path, io.env);
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    io.stderr(`${missing ? `editor not found: ${editor}` : `could not run ${editor}: ${result.error.message}`} (set VISUAL or EDITOR)\n`);
    return ExitCode.Config;
  }
  if (result.status !== 0) {
    io.stderr(`${editor} exited with status ${result.status}; the file was not checked\n`);
    return ExitCode.Other;
  }
  const { errors, warnings, credentialsOnly } = checkConfigFile(path);
  if (errors.length + warnings.length > 0) {
    io.stderr(`${[...errors, ...warnings].map((p) => sanitizeMultiline(p)).join('\n')}\n`);
    io.stderr(
      errors.length === 0
        ? 'Those entries are ignored until fixed (`cogsync config edit`); the rest of the file is used.\n'
        : credentialsOnly
          ? 'cogsync removes them when it starts and uses the rest of the file; remove them yourself with `cogsync config edit`.\n'
          : 'Fix it with `cogsync config edit`; until then cogsync moves the file aside when it starts and uses defaults.\n',
    );
    return ExitCode.Config;
  }
  io.stdout(`${path}: OK\n`);
  return ExitCode.Ok;
}

export function pickEditor(env: NodeJS.ProcessEnv): string {
  for (const name of [env.VISUAL, env.EDITOR]) if (name && name.trim() !== '') return name.trim();
  return process.platform === 'win32' ? 'notepad' : 'vi';
}

/** `$EDITOR` may carry arguments (`code --wait`): run it through the shell, the path as "$1". */
function runEditor(editor: string, file: string, env: NodeJS.ProcessEnv): { status: number | null; error?: Error } {
  const result =
    process.platform === 'win32'
      ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true, env })
      : spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'cogsync-editor', file], { stdio: 'inherit', env });
  // The shell reports a missing command as status 127.
  if (!result.error && result.status === 127) {
    return { status: 127, error: Object.assign(new Error(`${editor}: command not found`), { code: 'ENOENT' }) };
  }
  return { status: result.status, ...(result.error ? { error: result.error } : {}) };
}

function showNotices(io: CommandIO, notices: readonly string[]): void {
  for (const n of notices) io.stderr(`${sanitizeMultiline(n)}\n`);
}

function guarded(io: CommandIO, body: () => ExitCodeValue): ExitCodeValue {
  try {
    return body();
  } catch (error) {
    if (isFileSystemError(error)) {
      // The folder is a file, not readable or writable, the disk is full…: one line, as for any expected failure.
      io.stderr(`cogsync: cannot use the settings file ${sanitizeMultiline(configFilePath(io.env))} (${sanitizeMultiline(fileSystemReason(error))})\n`);
      return ExitCode.Other;
    }
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`${sanitizeMultiline(error.message)}\n`);
    return ExitCode.Usage;
  }
}

// Registration lives in settings-commands.ts (it loads this module only when the command runs).
export { registerConfigCommands } from './settings-commands.js';
