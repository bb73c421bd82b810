/**
 * The README's key table, generated from the keymap so it cannot drift from what the editor does:
 * every default binding of src/ui/keymap.ts, grouped by scope under the `?` overlay's headings,
 * with the keymap's own descriptions. test/docs/key-table.test.ts compares it with README.md.
 *
 *   npx tsx scripts/key-table.ts           print the table
 *   npx tsx scripts/key-table.ts --write   replace the table between the README's markers
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMMAND_IDS, DEFAULT_KEYMAP, describeCommand, scopeOf, type Scope } from '../src/ui/keymap.js';
import { formatKey } from '../src/ui/key-spec.js';
import { SCOPE_TITLES } from '../src/ui/components/HelpOverlay.js';

export const KEYS_START = '<!-- keys:start -->';
export const KEYS_END = '<!-- keys:end -->';
export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

/** Text for a Markdown table cell: a `|` would end the cell, a newline the row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A code span that survives any key character, backticks included. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${cell(text)}${pad}${fence}`;
}

/** Scopes in the order their first command appears in the keymap (screens, then dialogs). */
function scopesInKeymapOrder(): Scope[] {
  return [...new Set(COMMAND_IDS.map(scopeOf))];
}

/** The Markdown table: where, command id (for the keymap config), keys, what it does. */
export function keyTable(): string {
  const rows = ['| where | command | keys | what it does |', '|---|---|---|---|'];
  for (const scope of scopesInKeymapOrder()) {
    let where = `**${cell(SCOPE_TITLES[scope])}**`;
    for (const id of COMMAND_IDS) {
      if (scopeOf(id) !== scope) continue;
      // The labels the footer and `?` show (`Ctrl+R`, `↵`), one code span per key.
      const keys = DEFAULT_KEYMAP[id].map((b) => code(formatKey(b.spec))).join(' ');
      rows.push(`| ${where} | ${code(id)} | ${keys} | ${cell(describeCommand(id))} |`);
      where = '';
    }
  }
  return rows.join('\n') + '\n';
}

/** The text between the README's markers (without them), or an error naming what is missing. */
export function readmeKeyTable(readme: string): string {
  const start = readme.indexOf(KEYS_START);
  const end = readme.indexOf(KEYS_END);
  if (start < 0 || end < 0 || end < start) {
    throw new Error(`README.md needs ${KEYS_START} before ${KEYS_END} around the key table`);
  }
  return readme.slice(start + KEYS_START.length, end).replace(/^\n/, '');
}

/** README text with the table between the markers replaced by `table`. */
export function withKeyTable(readme: string, table: string): string {
  readmeKeyTable(readme); // throws when the markers are missing
  const start = readme.indexOf(KEYS_START) + KEYS_START.length;
  return `${readme.slice(0, start)}\n${table}${readme.slice(readme.indexOf(KEYS_END))}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const table = keyTable();
  if (process.argv.includes('--write')) {
    const readme = readFileSync(README_PATH, 'utf8');
    const next = withKeyTable(readme, table);
    if (next !== readme) writeFileSync(README_PATH, next);
    console.error(next === readme ? 'README.md: key table already up to date' : 'README.md: key table updated');
  } else {
    process.stdout.write(table);
  }
}
