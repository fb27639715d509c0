// How the summary reports wiring: done (which file), not asked for, or no safe anchor
// (then nothing was edited and the exact lines to paste are printed).
import type { Wiring } from '../targets/types.js';

export function wiringSummary(label: string, wire: boolean | undefined, canWire: boolean, wired: Wiring | undefined, instructions: string[]): string[] {
  const paste = instructions.map((line) => `    ${line}`);
  if (wired) return [`Wired in: ${wired.note}.`];
  if (wire === false) return [`Not wired (--wire false). To wire it in (${label}):`, ...paste];
  if (!canWire) return [`Nothing to wire automatically (${label}):`, ...paste];
  return [`No safe place to wire it in was found, so no app file was changed. Add this (${label}):`, ...paste];
}
