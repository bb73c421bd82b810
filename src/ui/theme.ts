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

export interface ThemeOptions {
  noColor?: boolean;
  /** `protected` connections get a red accent. */
  accent?: 'default' | 'danger';
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colours off. */
export function noColorFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return typeof env.NO_COLOR === 'string' && env.NO_COLOR !== '';
}

export function createTheme({ noColor = false, accent = 'default' }: ThemeOptions = {}): Theme {
  // With NO_COLOR only attributes remain (bold, dim, inverse): they are not colours.
  const c = (color: string, rest: TextStyle = {}): TextStyle => (noColor ? rest : { color, ...rest });
  return {
    noColor,
    accent: c(accent === 'danger' ? 'red' : 'cyan', { bold: true }),
    muted: { dimColor: true },
    title: { bold: true },
    selection: { inverse: true },
    status: {
      error: c('red', { bold: true }),
      warning: c('yellow'),
      success: c('green'),
      info: c('blue'),
    },
    staged: { modified: c('yellow'), added: c('green'), removed: c('red', { dimColor: true }) },
    diff: { added: c('green'), removed: c('red') },
    badge: { readOnly: c('yellow', { bold: true }), readWrite: c('green', { bold: true }) },
    key: c('cyan', { bold: true }),
    border: noColor ? undefined : 'gray',
  };
}

export const ThemeContext = createContext<Theme>(createTheme({ noColor: noColorFromEnv() }));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
