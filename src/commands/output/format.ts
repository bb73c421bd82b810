// `--output json|table|text`: one entry point over the three AWS CLI formats.
import { formatJson } from './json.js';
import type { PlainValue } from './plain-data.js';
import { formatTable } from './table.js';
import { formatText } from './text.js';

export const OUTPUT_FORMATS = ['json', 'text', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/** `title` is the operation name (`ListRecords`), which the table format shows on top. */
export function formatOutput(format: OutputFormat, title: string, data: PlainValue, options: { terminalWidth?: number } = {}): string {
  switch (format) {
    case 'json':
      return formatJson(data);
    case 'text':
      return formatText(data);
    case 'table':
      return formatTable(title, data, options);
  }
}
