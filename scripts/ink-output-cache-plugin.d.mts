import type { Plugin } from 'esbuild';
export const ORIGINAL: string;
export function patchInkOutput(source: string, path?: string): string;
export function inkOutputCachePlugin(): Plugin;
