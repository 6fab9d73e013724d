/** Small transport icons drawn as SVG, so they never depend on a font having the glyphs. */
const PATHS = {
  first: "M3 3h2v10H3zM13 3v10L6 8z",
  prevStep: "M8 3v10L2 8zM14 3v10L8 8z",
  back: "M11 3v10L5 8z",
  play: "M5 3l8 5-8 5z",
  pause: "M4 3h3v10H4zM9 3h3v10H9z",
  forward: "M5 3v10l6-5z",
  nextStep: "M2 3v10l6-5zM8 3v10l6-5z",
  last: "M3 3v10l7-5zM11 3h2v10h-2z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      style={{ display: "block" }}
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
