// Builds dist/ once before any test: end-to-end tests spawn the real bin, and the sandbox runs dist/runtime.
import { buildAll } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildAll();
}
