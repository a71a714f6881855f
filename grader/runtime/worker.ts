// Sandbox child entry for plain Node: tfjs is required from node_modules (see snapshot.ts for the fast start).
import { createRequire } from 'node:module';
import type { WorkerBoot } from '../protocol/messages.js';
import { serve } from './serve.js';

const requireHere = createRequire(import.meta.url);
const boot = JSON.parse(process.argv[2] ?? '{}') as WorkerBoot;
void serve(boot, { register: () => requireHere('./tfjs-extras.cjs') });
