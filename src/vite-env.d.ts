/// <reference types="vite/client" />

/** A runtime module's declaration text, made at build time (see vite.config.ts). */
declare module "*?dts" {
  const text: string;
  export default text;
}
