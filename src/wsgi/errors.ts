/**
 * @module errors
 * Python's exception names, so a fault reads the way CPython would report it.
 */

export { AssertionError, PyTypeError, ValueError } from "../runtime/errors";

/** Python's `type: message` line, for a thrown value of any kind. */
export function exceptionLine(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `Error: ${String(error)}`;
}

/** A traceback for the errors log: the stack where there is one, else the message. */
export function formatTraceback(error: unknown): string {
  if (error instanceof Error && error.stack) {
    const stack = error.stack.includes(error.message)
      ? error.stack
      : `${exceptionLine(error)}\n${error.stack}`;
    return `Traceback (most recent call last):\n${stack}\n`;
  }
  return `Traceback (most recent call last):\n${exceptionLine(error)}\n`;
}
