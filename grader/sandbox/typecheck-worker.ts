// Entry of the type-checker thread (built to dist/typecheck.mjs): one typeCheck, its result posted back as entries.
import { parentPort, workerData } from 'node:worker_threads';
import { typeCheck, type TypeCheckJob } from './typecheck.js';

const job = workerData as TypeCheckJob;
parentPort!.postMessage([...typeCheck(job.jobDir, job.nodeModules, job.exercises)]);
