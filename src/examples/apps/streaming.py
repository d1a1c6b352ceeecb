# Streaming: a generator yields the body a chunk at a time (no
# Content-Length: wsgiref cannot know it), and its finally block runs when
# the server closes it: the Call trace shows each chunk, then close().
from wsgiref.simple_server import make_server


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    try:
        for i in range(1, 6):
            yield f"chunk {i}\n".encode()
    finally:
        environ["wsgi.errors"].write("the generator was closed\n")


make_server("", 8000, app).serve_forever()
