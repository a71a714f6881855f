// Hostile: he-init.ts is a folder (with an index.ts a bundler might be tempted to pick up). It is not a solution file.
export const std = 0.125;
