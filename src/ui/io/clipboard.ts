/**
 * `y` / `Y`: copy a value or key through the terminal (OSC 52), which works over SSH and
 * needs no clipboard program. Only base64 reaches the terminal, never the raw untrusted
 * bytes. Off a TTY, or for a value too large for terminals to accept, nothing is written
 * and the caller says so.
 */

/** Terminals cap OSC 52 payloads (xterm ~100 kB, others less): stay under the common limit. */
export const OSC52_MAX_BASE64 = 74_994;

export function osc52(text: string, env: NodeJS.ProcessEnv = {}): string {
  const sequence = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  // tmux passes a sequence through only when wrapped (and with its ESCs doubled).
  return env.TMUX ? `\u001bPtmux;${sequence.replace(/\u001b/g, '\u001b\u001b')}\u001b\\` : sequence;
}

export interface ClipboardIo {
  stdout: { isTTY?: boolean; write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export type CopyResult = { readonly copied: true } | { readonly copied: false; readonly reason: string };

export function copyToClipboard(text: string, io: ClipboardIo = { stdout: process.stdout, env: process.env }): CopyResult {
  if (io.stdout.isTTY !== true) return { copied: false, reason: 'no terminal clipboard here (not a TTY)' };
  const base64Length = Math.ceil(Buffer.byteLength(text, 'utf8') / 3) * 4;
  if (base64Length > OSC52_MAX_BASE64) return { copied: false, reason: 'too large for the terminal clipboard (OSC 52)' };
  io.stdout.write(osc52(text, io.env));
  return { copied: true };
}
