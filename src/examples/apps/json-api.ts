// A JSON API: routes by method and path, reads a JSON body, answers JSON
// with the right status codes (201, 404, 405, 400).
import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

const todos: { id: number; title: string }[] = [{ id: 1, title: "Read PEP 3333" }];

function json(start_response: StartResponse, status: string, data: unknown) {
  start_response(status, [["Content-Type", "application/json"]]);
  return [b`${JSON.stringify(data)}`];
}

export default function app(environ: Environ, start_response: StartResponse) {
  if (environ.PATH_INFO !== "/todos")
    return json(start_response, "404 Not Found", { error: "no such resource" });
  if (environ.REQUEST_METHOD === "GET") return json(start_response, "200 OK", todos);
  if (environ.REQUEST_METHOD !== "POST")
    return json(start_response, "405 Method Not Allowed", { error: "GET or POST" });
  const length = Number(environ.CONTENT_LENGTH || 0);
  try {
    const body = JSON.parse(new TextDecoder().decode(environ["wsgi.input"].read(length))) as {
      title?: unknown;
    };
    if (typeof body.title !== "string") throw new Error("title must be a string");
    const todo = { id: todos.length + 1, title: body.title };
    todos.push(todo);
    return json(start_response, "201 Created", todo);
  } catch (error) {
    return json(start_response, "400 Bad Request", { error: String(error) });
  }
}
