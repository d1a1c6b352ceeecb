import { assertChromium } from "./chromium";

/** Fail fast, with the fix, when there is no browser to test in. */
export default function globalSetup(): void {
  assertChromium();
}
