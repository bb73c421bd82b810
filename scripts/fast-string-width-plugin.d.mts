import type { Plugin } from 'esbuild';
export function wrapperSource(realPath: string, stripAnsiPath: string): string;
export function lazyEmojiRegex(source: string): string;
export function fastStringWidthPlugin(): Plugin;
