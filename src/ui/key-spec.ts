/**
 * One key as data: parsing the text form used in the keymap and config file (`q`, `G`,
 * `ctrl+r`, `shift+tab`, `pagedown`), a human label (`Ctrl+R`, `PgDn`, `↵`), and matching
 * against what Ink 6's `useInput` hands over as `(input, key)`.
 */
import type { Key } from 'ink';

/** Keys with a name; everything else is a single printable character. */
export const NAMED_KEYS = [
  'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end',
  'enter', 'escape', 'tab', 'backspace', 'space',
] as const;
export type NamedKey = (typeof NAMED_KEYS)[number];

export interface KeySpec {
  /** A named key, or one printable character (case matters: `g` ≠ `G`). */
  key: NamedKey | string;
  named: boolean;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

const ALIASES: Readonly<Record<string, NamedKey>> = {
  esc: 'escape', return: 'enter', pgup: 'pageup', pgdn: 'pagedown', bs: 'backspace',
  // Ink 6 reports Backspace (0x7f) as `delete` (UX.md pitfall 5): one name for both.
  delete: 'backspace', del: 'backspace',
};

const LABELS: Readonly<Record<NamedKey, string>> = {
  up: '↑', down: '↓', left: '←', right: '→', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End',
  enter: '↵', escape: 'Esc', tab: 'Tab', backspace: 'Backspace', space: 'Space',
};

export type ParsedKey = { ok: true; spec: KeySpec } | { ok: false; error: string };

/**
 * Parses `ctrl+r`, `shift+tab`, `alt+x`, `G`, `?`, `+`, `pagedown`. Modifier and key names
 * are case-insensitive; a single character keeps its case. `shift+` only combines with
 * named keys: write `G`, not `shift+g`.
 */
export function parseKey(text: string): ParsedKey {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, error: 'empty key' };
  // A lone '+' is the plus key, not a separator.
  const parts = text === '+' ? ['+'] : text.endsWith('++') ? [...text.slice(0, -2).split('+'), '+'] : text.split('+');
  const last = parts.pop() ?? '';
  let ctrl = false, meta = false, shift = false;
  for (const raw of parts) {
    const mod = raw.toLowerCase();
    if (mod === 'ctrl' || mod === 'control') ctrl = true;
    else if (mod === 'alt' || mod === 'meta' || mod === 'option') meta = true;
    else if (mod === 'shift') shift = true;
    else return { ok: false, error: `unknown modifier '${raw}' in '${text}'` };
  }
  const lower = last.toLowerCase();
  const named = (NAMED_KEYS as readonly string[]).includes(lower) ? (lower as NamedKey) : ALIASES[lower];
  if (named) return { ok: true, spec: { key: named, named: true, ctrl, meta, shift } };
  if ([...last].length !== 1) return { ok: false, error: `unknown key '${last}' in '${text}'` };
  if (/[\u0000-\u001f\u007f]/.test(last)) return { ok: false, error: `control character in '${JSON.stringify(text)}'` };
  if (shift) return { ok: false, error: `'${text}': write the character itself (e.g. 'G') instead of shift+` };
  if (ctrl && !/^[a-z]$/i.test(last)) return { ok: false, error: `'${text}': ctrl combines with a letter only` };
  return { ok: true, spec: { key: ctrl ? lower : last, named: false, ctrl, meta, shift: false } };
}

/** `Ctrl+R`, `⇧Tab`, `PgDn`, `G`. */
export function formatKey(spec: KeySpec): string {
  const base = spec.named ? LABELS[spec.key as NamedKey] : spec.ctrl ? spec.key.toUpperCase() : spec.key;
  return `${spec.ctrl ? 'Ctrl+' : ''}${spec.meta ? 'Alt+' : ''}${spec.shift ? '⇧' : ''}${base}`;
}

/** A canonical string, used to find two commands bound to the same key. */
export function keyIdentity(spec: KeySpec): string {
  return `${spec.ctrl ? 'C-' : ''}${spec.meta ? 'M-' : ''}${spec.shift ? 'S-' : ''}${spec.named ? `<${spec.key}>` : spec.key}`;
}

/** Does Ink's `(input, key)` mean this key? */
export function matchesKey(spec: KeySpec, input: string, key: Key): boolean {
  if (!spec.named) {
    if (spec.ctrl) return key.ctrl && input.toLowerCase() === spec.key;
    // Ink marks a lone Esc as meta, and Alt+x arrives as meta with input 'x'.
    return input === spec.key && !key.ctrl && key.meta === spec.meta;
  }
  if (key.ctrl !== spec.ctrl) return false;
  switch (spec.key as NamedKey) {
    case 'up': return key.upArrow;
    case 'down': return key.downArrow;
    case 'left': return key.leftArrow;
    case 'right': return key.rightArrow;
    case 'pageup': return key.pageUp;
    case 'pagedown': return key.pageDown;
    case 'home': return key.home;
    case 'end': return key.end;
    case 'enter': return key.return;
    case 'escape': return key.escape;
    case 'tab': return key.tab && key.shift === spec.shift;
    case 'backspace': return key.backspace || key.delete;
    case 'space': return input === ' ' && !key.meta;
  }
}
