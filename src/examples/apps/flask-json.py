# A JSON API in Flask: routes by method and path, request.get_json() for the
# body, jsonify() and a status for the answer. Compare with "A JSON API",
# the same API in plain WSGI.
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
todos = [{"id": 1, "title": "Read PEP 3333"}]


@app.get("/todos")
def list_todos():
    return jsonify(todos)


@app.post("/todos")
def add_todo():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        return jsonify(error='send {"title": "..."}'), 400
    todo = {"id": len(todos) + 1, "title": data["title"]}
    todos.append(todo)
    return jsonify(todo), 201


@app.get("/todos/<int:todo_id>")
def get_todo(todo_id):
    for todo in todos:
        if todo["id"] == todo_id:
            return jsonify(todo)
    abort(404)


if __name__ == "__main__":
    app.run(port=5000)
