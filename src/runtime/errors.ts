/**
 * @module errors
 * Python's exception names, so a fault reads the way CPython reports it and
 * user code can catch the same kinds.
 */

/** Raised where CPython's wsgiref asserts or raises AssertionError. */
export class AssertionError extends Error {
  override name: string = "AssertionError";
}

/** Raised where CPython raises ValueError. */
export class ValueError extends Error {
  override name: string = "ValueError";
}

/** Raised where CPython raises TypeError for a value of the wrong type. */
export class PyTypeError extends TypeError {
  override name: string = "TypeError";
}

/** Raised where CPython raises KeyError (a missing environ key or form field). */
export class KeyError extends Error {
  override name: string = "KeyError";
}

/** Raised where CPython raises IndexError. */
export class IndexError extends Error {
  override name: string = "IndexError";
}

/** Raised where CPython cannot encode text in the codec asked for. */
export class UnicodeEncodeError extends RangeError {
  override name: string = "UnicodeEncodeError";
}
