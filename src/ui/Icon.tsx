/** Small transport (and Undo / Redo) icons drawn as SVG, so they never depend on a font having the glyphs. */
const PATHS = {
  first: "M3 3h2v10H3zM13 3v10L6 8z",
  prevStep: "M8 3v10L2 8zM14 3v10L8 8z",
  back: "M11 3v10L5 8z",
  play: "M5 3l8 5-8 5z",
  pause: "M4 3h3v10H4zM9 3h3v10H9z",
  forward: "M5 3v10l6-5z",
  nextStep: "M2 3v10l6-5zM8 3v10l6-5z",
  last: "M3 3v10l7-5zM11 3h2v10h-2z",
  undo: "M6 2L1 6l5 4V7.5h3.5a2.75 2.75 0 0 1 0 5.5H7v1.5h2.5a4.25 4.25 0 0 0 0-8.5H6z",
  redo: "M10 2l5 4-5 4V7.5H6.5a2.75 2.75 0 0 0 0 5.5H9v1.5H6.5a4.25 4.25 0 0 1 0-8.5H10z",
  // a target: the panel follows the current event (the compact layout's tabs)
  follow:
    "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm0 2a5 5 0 1 0 0 10A5 5 0 0 0 8 3zm0 2.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      // 14 design px: grows with the screen like the buttons around it
      style={{ display: "block", width: "calc(14 * var(--u))", height: "calc(14 * var(--u))" }}
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
