# A JSON API: routes by method and path, reads a JSON body, answers JSON
# with the right status codes (201, 404, 405, 400).
import json
from wsgiref.simple_server import make_server

todos = [{"id": 1, "title": "Read PEP 3333"}]


def answer(start_response, status, data):
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(data).encode()]


def app(environ, start_response):
    if environ["PATH_INFO"] != "/todos":
        return answer(start_response, "404 Not Found", {"error": "no such resource"})
    if environ["REQUEST_METHOD"] == "GET":
        return answer(start_response, "200 OK", todos)
    if environ["REQUEST_METHOD"] != "POST":
        return answer(start_response, "405 Method Not Allowed", {"error": "GET or POST"})
    length = int(environ.get("CONTENT_LENGTH") or 0)
    try:
        body = json.loads(environ["wsgi.input"].read(length))
        if not isinstance(body.get("title"), str):
            raise ValueError("title must be a string")
    except (ValueError, AttributeError) as error:
        return answer(start_response, "400 Bad Request", {"error": str(error)})
    todo = {"id": len(todos) + 1, "title": body["title"]}
    todos.append(todo)
    return answer(start_response, "201 Created", todo)


make_server("", 8000, app).serve_forever()
