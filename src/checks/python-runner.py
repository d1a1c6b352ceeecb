"""The checks of this project (checks.hurl), as the WSGI Playground runs them.

Written by the playground; standard library only. Run it in the project's
folder:

    python3 -m unittest test_checks      (or: python3 -m pytest test_checks.py)

Each check's request is made as the playground's request panel makes it
(the same headers, in the same order, the same body bytes) and sent as
bytes through CPython's own wsgiref request handler, over an in-memory
socket, to the app the entry file serves; the response's bytes are judged
by the same rules as on the page. A test per check, in the file's order:
the checks share one cookie jar and the values they capture.
"""

import base64
import io
import json
import re
import runpy
import sys
import time
import unittest
import wsgiref.simple_server as simple_server
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENTRY = __ENTRY__
CHECKS = json.loads(__CHECKS__)
WORDS = json.loads(__WORDS__)
"""The words a failure is told in: the page's own table (check-words.ts), so both say the same."""


def words(key, **values):
    """A message of WORDS with its values put in (`{name}`; `{{` and `}}` are themselves)."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), WORDS[key])
BOUNDARY = "----WSGIPlaygroundCheckBoundary"


# ---- The app, as the playground loads it ------------------------------------

_registered = []


class _NoSocketServer:
    """What make_server() returns here: no socket; serve_forever() returns at once."""

    def __init__(self, app):
        self.application = app
        _registered.append(app)

    def set_app(self, app):
        self.application = app
        _registered.append(app)

    def get_app(self):
        return self.application

    def serve_forever(self, *args, **kwargs):
        pass

    handle_request = shutdown = server_close = serve_forever

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


def load_app():
    """Run the entry file as __main__ (as `python3 app.py` would) and take the app it serves."""
    original = simple_server.make_server
    simple_server.make_server = lambda host, port, app, *args, **kwargs: _NoSocketServer(app)
    sys.path.insert(0, str(HERE))
    try:
        namespace = runpy.run_path(str(HERE / ENTRY), run_name="__main__")
    finally:
        simple_server.make_server = original
    app = (_registered[-1] if _registered else None) or namespace.get("application") or namespace.get("app")
    if app is None:
        raise LookupError(f"{ENTRY} serves no WSGI app")
    return app


# ---- wsgiref over an in-memory socket ---------------------------------------


class _Socket:
    def __init__(self, data):
        self.data = data
        self.sent = bytearray()

    def makefile(self, mode, buffering=-1):
        return io.BufferedReader(io.BytesIO(self.data))

    def sendall(self, data):
        self.sent += data

    def settimeout(self, value):
        pass

    def setsockopt(self, *args):
        pass


class _Handler(simple_server.WSGIRequestHandler):
    wbufsize = 0
    log = io.StringIO()

    def get_stderr(self):
        return self.log

    def log_message(self, format, *args):
        self.log.write(format % args + "\n")


class _Server(simple_server.WSGIServer):
    def __init__(self, name, port, app):
        self.server_name = name
        self.server_port = port
        self.setup_environ()
        self.application = app


def send(app, raw, name, port):
    """The response's bytes for the request's bytes, from wsgiref."""
    sock = _Socket(raw)
    _Handler(sock, ("127.0.0.1", 0), _Server(name, port, app))
    return bytes(sock.sent)


# ---- Requests, as the playground's panel makes them ------------------------


class CheckError(Exception):
    """The check's request cannot be made."""


def fill(text, variables):
    def value(match):
        name = match.group(1)
        if name not in variables:
            raise CheckError(words("noValue", name=name))
        found = variables[name]
        return found if isinstance(found, str) else json.dumps(found, separators=(",", ":"))

    return re.sub(r"\{\{\s*([A-Za-z0-9_-]+)\s*\}\}", value, text)


def _encode(text, safe, space):
    out = []
    for byte in text.encode("utf-8"):
        c = chr(byte)
        if c.isascii() and (c.isalnum() or c in safe):
            out.append(c)
        elif c == " " and space:
            out.append(space)
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def query_encode(text):
    return _encode(text, "-_.~", None)


def form_encode(text):
    return _encode(text, "*-._", "+")


class Jar:
    """The checks' own cookies: name and path, sent back where the path matches."""

    def __init__(self):
        self.cookies = {}

    def header(self, path):
        matching = [
            (cookie_path, order, name, value)
            for (name, cookie_path), (value, order) in self.cookies.items()
            if path == cookie_path
            or (path.startswith(cookie_path) and (cookie_path.endswith("/") or path[len(cookie_path)] == "/"))
        ]
        matching.sort(key=lambda c: (-len(c[0]), c[1]))
        return "; ".join(f"{name}={value}" for _, _, name, value in matching) or None

    def store(self, path, headers):
        for key, text in headers:
            if key.lower() != "set-cookie":
                continue
            parts = [p.strip() for p in text.split(";")]
            if "=" not in parts[0]:
                continue
            name, value = (s.strip() for s in parts[0].split("=", 1))
            attributes = {}
            for part in parts[1:]:
                k, _, v = part.partition("=")
                attributes[k.strip().lower()] = v.strip()
            cookie_path = attributes.get("path") or (path[: path.rfind("/")] or "/")
            if attributes.get("max-age", "1").lstrip("-").isdigit() and int(attributes.get("max-age", "1")) <= 0:
                self.cookies.pop((name, cookie_path), None)
            else:
                self.cookies[(name, cookie_path)] = (value, len(self.cookies))


def make_request(entry, variables, jar):
    """The request's bytes, and the virtual host it is for."""
    request = entry["request"]
    url = fill(request["url"], variables)
    match = re.match(r"^(https?)://([^/?#]+)([^#]*)", url, re.I)
    if not match:
        raise CheckError(words("notUrl", url=url))
    host, target = match.group(2), match.group(3) or "/"
    if not target.startswith("/"):
        target = "/" + target
    query = "&".join(
        f"{query_encode(fill(k, variables))}={query_encode(fill(v, variables))}" for k, v in request["query"]
    )
    if query:
        target += ("&" if "?" in target else "?") + query
    user = [(fill(k, variables), fill(v, variables)) for k, v in request["headers"]]
    body, content_type, has_body = b"", None, False
    if request["form"]:
        body = "&".join(
            f"{form_encode(fill(k, variables))}={form_encode(fill(v, variables))}" for k, v in request["form"]
        ).encode()
        content_type, has_body = "application/x-www-form-urlencoded", True
    elif request["multipart"]:
        parts = []
        for k, v in request["multipart"]:
            name = fill(k, variables).replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
            parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{fill(v, variables)}\r\n')
        body = ("".join(parts) + f"--{BOUNDARY}--\r\n").encode()
        content_type, has_body = f"multipart/form-data; boundary={BOUNDARY}", True
    elif request["body"] is not None:
        kind, text = request["body"]["kind"], request["body"]["text"]
        has_body = True
        if kind == "json":
            text = fill(text, variables)
            try:
                json.loads(text)
            except ValueError as error:
                raise CheckError(f"JSON is not valid: {error}")
            body, content_type = text.encode(), "application/json"
        elif kind == "hex":
            body, content_type = bytes.fromhex(text), "application/octet-stream"
        elif kind == "base64":
            body, content_type = base64.b64decode(text), "application/octet-stream"
        else:
            body = fill(text, variables).encode()
    name, _, port = host.partition(":")
    path = target.split("?", 1)[0]
    own = [f"{fill(k, variables)}={fill(v, variables)}" for k, v in request["cookies"]]
    cookie = "; ".join(c for c in [jar.header(path), *own] if c) or None
    given = {k.lower() for k, _ in user}
    auto = [("Host", host)]
    if content_type:
        auto.append(("Content-Type", content_type))
    if has_body:
        auto.append(("Content-Length", str(len(body))))
    if cookie:
        auto.append(("Cookie", cookie))
    used = [(k, v) for k, v in auto if k.lower() not in given]
    headers = [h for h in used if h[0] == "Host"] + user + [h for h in used if h[0] != "Host"]
    head = f"{request['method']} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    return (head + "\r\n").encode() + body, name, port or "80", path


__JUDGE__


# ---- The tests --------------------------------------------------------------


def run_all():
    """Every check in order: its failures (empty when it passed), or why it could not run."""
    app = load_app()
    jar, variables, verdicts = Jar(), {}, []
    for entry in CHECKS:
        try:
            raw, name, port, path = make_request(entry, variables, jar)
            started = time.perf_counter()
            status, headers, body = parse_response(send(app, raw, name, port))
            duration = (time.perf_counter() - started) * 1000
            jar.store(path, headers)
            verdicts.append(judge_entry(entry, (status, headers, body, duration), variables))
        except CheckError as error:
            verdicts.append([str(error)])
    return verdicts


class Checks(unittest.TestCase):
    """One test per check of checks.hurl, in its order."""

    @classmethod
    def setUpClass(cls):
        cls.verdicts = run_all()


def _test(index, title, line):
    def test(self):
        failures = self.verdicts[index]
        self.assertEqual(failures, [], f"checks.hurl:{line} {title}: " + "; ".join(failures))

    test.__doc__ = f"{title} (checks.hurl:{line})"
    return test


for _index, _entry in enumerate(CHECKS):
    _name = re.sub(r"\W+", "_", _entry["title"].lower()).strip("_")[:40]
    setattr(Checks, f"test_{_index + 1:03d}_{_name}", _test(_index, _entry["title"], _entry["line"]))
