// One rounder and one points format, so every view (text, JUnit, Gradescope, HTML, LMS) shows a score alike.

/** x rounded to `digits` decimals: 6 for stored scores (float noise away), 2 for display. */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Points as every report prints them: "2", "0.5", "0.33". */
export const points = (x: number): string => String(roundTo(x, 2));

/** A score out of its maximum: "3/4", "0.5/1". */
export const pointsOf = (score: number, max: number): string => `${points(score)}/${points(max)}`;
