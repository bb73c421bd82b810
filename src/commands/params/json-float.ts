// JSON as Python's json module reads it for the AWS CLI: a number written with a fraction or an exponent (`2.0`,
// `1E2`) is a float, which botocore refuses for an integer member ("value: 2.0, type: <class 'float'>"), where
// JSON.parse would make it the integer 2 and send it. Such numbers come out of parseJsonKeepingFloats as JsonFloat;
// validate.ts refuses them for integers and reads them as numbers everywhere else.

export class JsonFloat {
  constructor(readonly value: number) {}

  /** For JSON.stringify (an error message showing a list that holds one). */
  toJSON(): number {
    return this.value;
  }

  /** Python's repr() of the float: `2.0`, `100.0`, `-0.0`, `1.5`, `1e+16`, `1e-05`. */
  toString(): string {
    const v = this.value;
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    if (Object.is(v, -0)) return '-0.0';
    const [mantissa, exponentText] = v.toExponential().split('e');
    const exponent = Number(exponentText);
    if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
}

const MARK = '\u0000cogsync-json-float:';
// Strings first (skipped whole, so digits inside them are left alone), then numbers.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON.parse (its errors unchanged), with every number written as a float kept as a JsonFloat. */
export function parseJsonKeepingFloats(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!/[.eE]/.test(text) || text.includes('cogsync-json-float:')) return value;
  let rewritten = '';
  let last = 0;
  for (const match of text.matchAll(TOKENS)) {
    const token = match[0];
    if (token.startsWith('"') || !/[.eE]/.test(token)) continue;
    rewritten += text.slice(last, match.index) + JSON.stringify(MARK + token);
    last = match.index + token.length;
  }
  if (last === 0) return value;
  rewritten += text.slice(last);
  return JSON.parse(rewritten, (_key, v: unknown) => (typeof v === 'string' && v.startsWith(MARK) ? new JsonFloat(Number(v.slice(MARK.length))) : v));
}
