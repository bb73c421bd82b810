// Types for scripts/build.mjs, for the tests and benchmarks that import it.
import type { BuildOptions, BuildResult, Metafile } from 'esbuild';

export function bundleOptions(entryPoints: Record<string, string>, outDir: string): BuildOptions;
export function buildCli(outDir: string, options?: { metafile?: boolean }): Promise<BuildResult & { metafile?: Metafile }>;
export function buildAll(outDir: string): Promise<void>;
