// Sandbox child entry inside a V8 startup snapshot (grader/sandbox/snapshot.ts builds dist/runtime/worker-<hash>.blob from it):
// tfjs-core with its gradients and chained ops, and the wasm backend's JS, are loaded when the snapshot is built, so
// a child starts from a heap that already holds them (~60 ms to 'ready' instead of ~150-200 ms). The .wasm binary
// is still read and compiled at start: a snapshot cannot hold a WebAssembly instance.
import { startupSnapshot } from 'node:v8';
import * as core from '@tensorflow/tfjs-core';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import './tfjs-extras.js';
import type { WorkerBoot } from '../protocol/messages.js';
import { serve } from './serve.js';

startupSnapshot.setDeserializeMainFunction(() => {
  // No script path in argv when Node starts from a snapshot: the boot JSON is the first argument.
  const boot = JSON.parse(process.argv[1] ?? '{}') as WorkerBoot;
  // The backend's own file is bundled here, so it cannot find its .wasm next to itself; node_modules has them.
  wasm.setWasmPaths(`${boot.nodeModules}/@tensorflow/tfjs-backend-wasm/dist/`);
  void serve(boot, {
    preloaded: { '@tensorflow/tfjs-core': core, '@tensorflow/tfjs-backend-wasm': wasm },
    register: () => {},
  });
});
