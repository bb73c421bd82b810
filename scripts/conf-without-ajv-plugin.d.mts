import type { Plugin } from 'esbuild';
export const UNUSED_IMPORTS: Record<string, string>;
export const VALIDATOR_GUARD: string;
export function patchConfSource(source: string, path?: string): string;
export function confWithoutAjvPlugin(): Plugin;
