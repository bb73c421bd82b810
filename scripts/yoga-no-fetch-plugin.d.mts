import type { Plugin } from 'esbuild';
export function patchYogaLoader(source: string, path?: string): string;
export function yogaNoFetchPlugin(): Plugin;
