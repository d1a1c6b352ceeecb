# A proxy in front of the app sets X-Forwarded-For to the address it saw. A
# client can send X_Forwarded_For as well, which no proxy strips: CGI's rule
# (dashes to underscores, upper case, HTTP_ in front) makes both the one key
# HTTP_X_FORWARDED_FOR. wsgiref, Werkzeug and Gunicorn join the two values,
# the client's first; Waitress, Paste and Cheroot drop the header with an
# underscore. Send this, then open Servers.
from wsgiref.simple_server import make_server


def application(environ, start_response):
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
    # What a naive app (or an old ProxyFix) does: trust the first address.
    client = forwarded.split(",")[0].strip() or environ["REMOTE_ADDR"]
    body = f"HTTP_X_FORWARDED_FOR = {forwarded!r}\nThe client, by its first address: {client}\n"
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body.encode()]


if __name__ == "__main__":
    make_server("", 8000, application).serve_forever()
