/**
 * Semantic styles (UX.md §2.6): components ask for a role (`theme.status.error`,
 * `theme.staged.added`), never for a colour. Letters and symbols carry the meaning
 * (`M` `+` `-`, `[RO]`, `✗`); colour only helps, so with NO_COLOR everything still reads.
 */
import { createContext, useContext } from 'react';

/** Props spread onto Ink's <Text>. */
export interface TextStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export interface Theme {
  noColor: boolean;
  /** Per connection: red for production (protected) connections. */
  accent: TextStyle;
  muted: TextStyle;
  title: TextStyle;
  /** The selected row of a list. */
  selection: TextStyle;
  status: { error: TextStyle; warning: TextStyle; success: TextStyle; info: TextStyle };
  staged: { modified: TextStyle; added: TextStyle; removed: TextStyle };
  diff: { added: TextStyle; removed: TextStyle };
  badge: { readOnly: TextStyle; readWrite: TextStyle };
  key: TextStyle;
  border: string | undefined;
}

/** Named accent colours a connection may pick (config: `connections[].accent`). */
export type AccentName = 'default' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan';

export interface ThemeOptions {
  noColor?: boolean;
  /** preferences.theme: the terminal's background (default dark). */
  mode?: 'light' | 'dark';
  /** `danger` (protected connections: always red), or the connection's own accent colour. */
  accent?: 'danger' | AccentName;
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colours off. */
export function noColorFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return typeof env.NO_COLOR === 'string' && env.NO_COLOR !== '';
}

/** The colour of each role on one background. */
interface Palette {
  accent: string;
  error: string;
  warning: string;
  success: string;
  info: string;
  modified: string;
  added: string;
  removed: string;
  key: string;
  border: string;
}

const DARK: Palette = {
  accent: 'cyan', error: 'red', warning: 'yellow', success: 'green', info: 'blue',
  modified: 'yellow', added: 'green', removed: 'red', key: 'cyan', border: 'gray',
};

// On a white background yellow, cyan and the bright colours wash out: the light palette
// uses the dark ANSI hues only (magenta stands in for yellow's "attention").
const LIGHT: Palette = {
  accent: 'blue', error: 'red', warning: 'magenta', success: 'green', info: 'blue',
  modified: 'magenta', added: 'green', removed: 'red', key: 'blue', border: 'black',
};

// A connection's accent, per background: yellow and cyan are unreadable on white, so the
// light theme shows them as their darker neighbours.
const LIGHT_ACCENT: Partial<Record<AccentName, string>> = { yellow: 'magenta', cyan: 'blue' };

export function createTheme({ noColor = false, mode = 'dark', accent = 'default' }: ThemeOptions = {}): Theme {
  const p = mode === 'light' ? LIGHT : DARK;
  // With NO_COLOR only attributes remain (bold, dim, inverse): they are not colours.
  const c = (color: string, rest: TextStyle = {}): TextStyle => (noColor ? rest : { color, ...rest });
  const accentColour =
    accent === 'danger' ? 'red' : accent === 'default' ? p.accent : mode === 'light' ? LIGHT_ACCENT[accent] ?? accent : accent;
  return {
    noColor,
    accent: c(accentColour, { bold: true }),
    muted: { dimColor: true },
    title: { bold: true },
    selection: { inverse: true },
    status: {
      error: c(p.error, { bold: true }),
      warning: c(p.warning),
      success: c(p.success),
      info: c(p.info),
    },
    staged: { modified: c(p.modified), added: c(p.added), removed: c(p.removed, { dimColor: true }) },
    diff: { added: c(p.added), removed: c(p.removed) },
    badge: { readOnly: c(p.warning, { bold: true }), readWrite: c(p.success, { bold: true }) },
    key: c(p.key, { bold: true }),
    border: noColor ? undefined : p.border,
  };
}

/**
 * The theme of a run: NO_COLOR or the colour preference off → no colours at all (`noColor`
 * is decided by the caller from both); otherwise the theme preference picks the palette,
 * and a protected connection's accent is red whatever colour it was given.
 */
export function themeFor(options: { noColor: boolean; mode?: 'light' | 'dark'; connection?: { protected?: boolean; accent?: AccentName } | null }): Theme {
  const { connection } = options;
  return createTheme({ noColor: options.noColor, mode: options.mode, accent: connection?.protected ? 'danger' : connection?.accent ?? 'default' });
}

export const ThemeContext = createContext<Theme>(createTheme({ noColor: noColorFromEnv() }));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
