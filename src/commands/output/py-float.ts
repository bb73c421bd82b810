// Python keeps int and float apart and the AWS CLI prints them apart: `2.0`, `1e+16`, `1e-05`, `inf` where JavaScript
// would print 2, 10000000000000000, 0.00001. A JavaScript number that is not whole is a float anyway; a float that is
// whole (or -0.0, inf, nan) is boxed in a PyFloat so that it is not taken for an int. --query makes them (avg, a `2.0`
// literal, to_number('1e2')) and the json, text and table formats print them.

export class PyFloat {
  constructor(readonly value: number) {}

  /** JSON.stringify's view of it, for a place that shows a value as JSON without knowing floats. */
  toJSON(): number | null {
    return Number.isFinite(this.value) ? this.value : null;
  }
}

/** A float: boxed when JavaScript would take it for an int, else the plain number. */
export function pyFloat(value: number): number | PyFloat {
  return Number.isInteger(value) || !Number.isFinite(value) ? new PyFloat(value) : value;
}

/** True for a Python float: a boxed one or any number that is not whole. */
export function isPyFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** The number a value holds, boxed or not; undefined for anything else. */
export function numberOf(value: unknown): number | undefined {
  if (value instanceof PyFloat) return value.value;
  return typeof value === 'number' ? value : undefined;
}

/** Python's str() (and repr()) of an int or a float. */
export function pyNumberText(value: number | PyFloat): string {
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (!Number.isInteger(value)) return floatRepr(value);
  // An int is written out in full, where JavaScript switches to 1e+21.
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
}

/** json.dumps of an int or a float: as str(), but nan and inf as NaN, Infinity, -Infinity. */
export function pyJsonNumber(value: number | PyFloat): string {
  const number = numberOf(value)!;
  if (Number.isNaN(number)) return 'NaN';
  if (!Number.isFinite(number)) return number > 0 ? 'Infinity' : '-Infinity';
  return pyNumberText(value);
}

/** float.__repr__: the shortest digits, `.0` on a whole number, exponent form below 1e-4 and from 1e16. */
function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const fixed = String(value);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/**
 * json.loads of a JSON text with its floats kept as floats (`1.0`, `1e3`), and NaN, Infinity, -Infinity, which
 * Python reads too; undefined when it is not JSON.
 */
export function parsePythonJson(text: string): { value: unknown } | undefined {
  let pos = 0;
  const fail = (): never => {
    throw new SyntaxError('not JSON');
  };
  const space = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const value = (): unknown => {
    space();
    const char = text[pos];
    if (char === '{') {
      pos++;
      const out: Record<string, unknown> = {};
      space();
      if (text[pos] === '}') return pos++, out;
      for (;;) {
        space();
        if (text[pos] !== '"') fail();
        const key = value() as string;
        space();
        if (text[pos++] !== ':') fail();
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos++] === '}') return out;
        else fail();
      }
    }
    if (char === '[') {
      pos++;
      const out: unknown[] = [];
      space();
      if (text[pos] === ']') return pos++, out;
      for (;;) {
        out.push(value());
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos++] === ']') return out;
        else fail();
      }
    }
    if (char === '"') {
      STRING.lastIndex = pos;
      const match = STRING.exec(text) ?? fail();
      pos += match[0].length;
      return JSON.parse(match[0]) as string;
    }
    for (const [word, result] of [['true', true], ['false', false], ['null', null], ['NaN', new PyFloat(NaN)], ['Infinity', new PyFloat(Infinity)], ['-Infinity', new PyFloat(-Infinity)]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return result;
      }
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text) ?? fail();
    pos += match[0].length;
    const number = Number(match[0]);
    return match[1] !== undefined || match[2] !== undefined ? pyFloat(number) : number;
  };
  try {
    const result = value();
    space();
    return pos === text.length ? { value: result } : undefined;
  } catch {
    return undefined;
  }
}
