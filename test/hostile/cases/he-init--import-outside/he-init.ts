// Hostile: imports the instructor's reference by path traversal, an absolute path and a Node built-in. Refused at
// compile time, with the location, before any code runs.
// @ts-ignore -- the point: a path outside the submission
import * as ref from '../../../../../../../../../../../../reference/he-init';
import { readFileSync } from 'fs';
// @ts-ignore -- the point: an absolute path
import * as abs from '/work/main/reference/he-init';

export const std = (ref as any).std ?? (abs as any).std;
export const heStd = (ref as any).heStd;
export const heNormal = (ref as any).heNormal;
export const leak = readFileSync;
