// Seed 002's hint: serve several apps from one server by shifting the first
// segment of PATH_INFO onto SCRIPT_NAME with shift_path_info. Each app then
// sees itself mounted: try /blog/2024 and /shop/cart.
import { b, shift_path_info } from "wsgi";
import type { Environ, StartResponse, WSGIApplication } from "wsgi";

function show(name: string): WSGIApplication {
  return function app(environ, start_response) {
    start_response("200 OK", [["Content-Type", "text/plain"]]);
    return [b`${name}: SCRIPT_NAME=${environ.SCRIPT_NAME} PATH_INFO=${environ.PATH_INFO}\n`];
  };
}

const apps: Record<string, WSGIApplication> = { blog: show("blog"), shop: show("shop") };

export default function router(environ: Environ, start_response: StartResponse) {
  const name = shift_path_info(environ);
  const app = name !== null ? apps[name] : undefined;
  if (!app) {
    start_response("404 Not Found", [["Content-Type", "text/plain"]]);
    return [b`No app at /${name ?? ""}\n`];
  }
  return app(environ, start_response);
}
