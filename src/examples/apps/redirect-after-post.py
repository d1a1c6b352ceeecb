# Redirect after POST: the form posts, the app stores the note and answers
# 303 See Other, so a reload of the result page never posts twice. Tick
# "Follow redirects" (or use Follow) to land on the list.
from html import escape
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

notes = []


def app(environ, start_response):
    if environ["REQUEST_METHOD"] == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(length).decode())
        notes.append(form.get("note", [""])[0])
        start_response("303 See Other", [("Location", "/"), ("Content-Type", "text/plain")])
        return [b"See /"]
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    start_response("200 OK", [("Content-Type", "text/html")])
    page = f'<ul>{items}</ul><form method="post"><input name="note"><button>Add</button></form>'
    return [page.encode()]


make_server("", 8000, app).serve_forever()
