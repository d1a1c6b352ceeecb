/**
 * @module wsgi
 * The library user code imports as `"wsgi"`: the TypeScript counterpart of
 * CPython's `wsgiref`, with wsgiref's own public names.
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
export { FileWrapper, is_hop_by_hop } from "./util";
export type { FileLike } from "./util";
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
