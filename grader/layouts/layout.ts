// The one shape every batch input layout (per-student folders, Canvas, Gradescope) has: how to recognise it, how to read it.
import type { Found, Layout } from '../model/student.js';

export interface BatchLayout {
  name: Layout;
  /** Whether `folder` is in this layout; `topLevelFiles` are its regular files (hidden ones included), sorted. */
  detect(folder: string, topLevelFiles: string[]): boolean;
  /** The students in `entries` (the visible top-level names, sorted); `known` are the solution file names the course knows. */
  discover(folder: string, entries: string[], known: string[]): Found;
}
