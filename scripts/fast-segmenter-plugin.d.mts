import type { Plugin } from 'esbuild';
export function useFastSegmenter(source: string, path?: string): string;
export function fastSegmenterPlugin(): Plugin;
