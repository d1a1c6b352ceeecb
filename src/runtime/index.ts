/**
 * @module wsgi
 * The library user code imports as `"wsgi"`: the TypeScript counterpart of
 * CPython's `wsgiref` and the bits of the standard library WSGI apps lean
 * on, under their Python names.
 *
 * @example
 * import { b } from "wsgi";
 * import type { Environ, StartResponse } from "wsgi";
 *
 * export default function app(environ: Environ, start_response: StartResponse) {
 *   start_response("200 OK", [["Content-Type", "text/plain"]]);
 *   return [b`Hello world!`];
 * }
 */
export { b } from "./bytes-literal";
export { demo_app } from "./demo-app";
export { AssertionError, IndexError, KeyError, ValueError } from "./errors";
export { FieldStorage, MiniFieldStorage, parse_header } from "./field-storage";
export type { FieldStorageOptions, FieldValue } from "./field-storage";
export { Headers } from "./headers";
export { escape } from "./html";
export { gzip } from "./gzip";
export { BytesIO, StringIO } from "./io";
export { parse_qs, parse_qsl, quote, unquote, unquote_to_bytes } from "./urllib";
export type { Encoding, ParseQsOptions } from "./urllib";
export {
  application_uri,
  FileWrapper,
  guess_scheme,
  is_hop_by_hop,
  request_uri,
  setup_testing_defaults,
  shift_path_info,
} from "./util";
export type { FileLike } from "./util";
export { validator, WSGIWarning } from "./validate";
export type {
  Environ,
  ErrorStream,
  ExcInfo,
  FileWrapperFactory,
  Header,
  InputStream,
  ResponseBody,
  StartResponse,
  WSGIApplication,
  Write,
} from "./types";
