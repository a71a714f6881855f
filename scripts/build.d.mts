// Types for scripts/build.mjs, so TypeScript tests can import it.
export declare function buildAll(): Promise<void>;
