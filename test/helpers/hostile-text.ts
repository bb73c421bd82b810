// Text that tries to take over a terminal or mislead a reader, and a check that output
// holds none of it raw. Shared by the command and editor escaping tests.

const ESC = '\u001b';

/** Each a known way to change terminal state or hide what a string really says. */
export const HOSTILE = {
  clear: `${ESC}[2J${ESC}[H`,
  colour: `${ESC}[31mred${ESC}[0m`,
  title: `${ESC}]0;owned${ESC}\\`,
  clipboard: `${ESC}]52;c;ZWNobyBoaQ==\u0007`,
  hyperlink: `${ESC}]8;;http://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`,
  c1csi: '\u009b31m',
  bidi: 'user\u202egnp.exe\u202c',
  isolate: '\u2066admin\u2069',
  nul: 'a\u0000b',
  cr: 'safe\rEVIL',
  lineSeparator: 'one\u2028two',
  bell: 'ding\u0007',
  loneSurrogate: 'x\ud800y',
};

/**
 * Every character of `text` a terminal may act on (C0/C1 controls, DEL, bidi controls, line
 * separators, lone surrogates) except the layout characters in `allowed`, as U+XXXX.
 */
export function unsafeIn(text: string, allowed = '\n'): string[] {
  const found = new Set<string>();
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    const bidi = c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x2028 || c === 0x2029;
    const lone = c >= 0xd800 && c <= 0xdfff;
    if ((control || bidi || lone) && !allowed.includes(ch)) found.add(`U+${c.toString(16).padStart(4, '0')}`);
  }
  return [...found];
}
