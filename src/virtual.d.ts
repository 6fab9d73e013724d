/** The build's own modules (vite.config.ts). */
declare module "virtual:first-frame" {
  /** the engine's reply to loading the default preset to its end, as typed JSON */
  const json: string;
  export default json;
}
