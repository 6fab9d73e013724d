/**
 * The diagrams' type scale, in design pixels (times the unit u on screen): no text under 12 px
 * at u = 1 (a 1366×768 projector). Layouts measure labels with the advance widths below rather
 * than the DOM, so they stay pure and the golden drawings do not depend on installed fonts.
 */

/** small labels: page numbers, slot names, translations, struct details */
export const FS = 12;
/** names: anon:N, pp:N, a process's name */
export const FS_NAME = 13;
/** the line height of FS text, and of FS_NAME */
export const LH = 15;
export const LH_NAME = 16;

/** Advance of one character of the monospace font (DejaVu Sans Mono, Menlo: about 0.6 em). */
export const MONO_EM = 0.61;
/** Average advance of the sans font on labels (digits and lower case: about 0.58 em). */
export const SANS_EM = 0.6;

/** Width of `text` in the monospace font at `size`. */
export const monoW = (text: string | number, size = FS): number => String(text).length * size * MONO_EM;

/** Width of `text` in the sans font at `size`. */
export const sansW = (text: string | number, size = FS): number => String(text).length * size * SANS_EM;
