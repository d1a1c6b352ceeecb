/** The address a build's code says it serves at, as Werkzeug, Paste and Bottle print it. */
import { expect, it } from "vitest";
import { servedAddress } from "./served-address";

it("reads the address Werkzeug, Paste and Bottle print, past their colours", () => {
  expect(
    servedAddress(
      " * Serving Flask app 'app'\n * Debug mode: on\n\x1b[31m\x1b[1mWARNING: This is a development server.\x1b[0m\n * Running on http://127.0.0.1:5000\n\x1b[33mPress CTRL+C to quit\x1b[0m\n",
    ),
  ).toBe("127.0.0.1:5000");
  expect(servedAddress("serving on 0.0.0.0:8000 view at http://127.0.0.1:8000\n")).toBe(
    "127.0.0.1:8000",
  );
  expect(servedAddress("Listening on http://localhost:8080/\nHit Ctrl-C to quit.\n")).toBe(
    "localhost:8080",
  );
});

it("finds none in what names no address with a port", () => {
  expect(servedAddress("Serving on port 8000...\n")).toBeNull();
  expect(servedAddress("")).toBeNull();
});
