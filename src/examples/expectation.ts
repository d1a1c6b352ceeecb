/**
 * @module expectation
 * What an example's request must give: the end-to-end tests read it from
 * examples.json and check it on the screen (the Python examples against
 * the machine's python3 too).
 */

/** What an example's request must give. */
export interface ExampleExpectation {
  status: string;
  /** Text the response body contains. */
  body?: string[];
  /** A response header and (part of) its value. */
  header?: [string, string];
  /** Text the errors log contains. */
  errors?: string;
  /** Text the build's error contains: the app does not load (a SyntaxError), so no request is sent. */
  buildError?: string;
  /** The layers the request goes through, outermost first (the Layers tab's names). */
  layers?: string[];
  /** Texts the Findings tab shows. */
  findings?: string[];
}
