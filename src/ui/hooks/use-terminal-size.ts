import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export const DEFAULT_TERMINAL_SIZE: TerminalSize = { columns: 80, rows: 24 };

function read(stdout: NodeJS.WriteStream, override: Partial<TerminalSize>): TerminalSize {
  return {
    // Test stdouts have no `rows` (and a fixed `columns`); a pipe has neither.
    columns: override.columns ?? (stdout.columns || DEFAULT_TERMINAL_SIZE.columns),
    rows: override.rows ?? (stdout.rows || DEFAULT_TERMINAL_SIZE.rows),
  };
}

/**
 * `{columns, rows}` of the terminal, updated on 'resize'; 80×24 when unknown. `override`
 * pins either dimension (tests, `runEditor({rows})`).
 */
export function useTerminalSize(override: Partial<TerminalSize> = {}): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout, override));
  const { columns: oc, rows: or } = override;
  useEffect(() => {
    const update = () => {
      const next = read(stdout, { columns: oc, rows: or });
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    update();
    stdout.on('resize', update);
    return () => void stdout.off('resize', update);
  }, [stdout, oc, or]);
  return size;
}
