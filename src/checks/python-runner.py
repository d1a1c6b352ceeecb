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
            raise CheckError(
                f"{{{{{name}}}}} has no value: no earlier check captured {name} "
                "(its [Captures] must run first)."
            )
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
        raise CheckError(f'"{url}" is not a URL the checks can send')
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


# ---- Responses, judged as the page judges them -----------------------------

NOTHING = object()


def parse_response(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].split(" ", 1)[1] if " " in lines[0] else ""
    headers = []
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers.append((key, value.lstrip(" \t")))
    return status, headers, body


def status_code(status):
    return int(status[:3]) if status[:3].isdigit() else None


def json_path(path, document):
    steps, i = [], 1
    while i < len(path):
        if path[i] == ".":
            if path[i + 1 : i + 2] == "*":
                steps.append(("all",))
                i += 2
                continue
            name = re.match(r"[A-Za-z_$][\w$-]*", path[i + 1 :]).group(0)
            steps.append(("key", name))
            i += 1 + len(name)
        else:
            close = path.index("]", i)
            inside = path[i + 1 : close].strip()
            if inside == "*":
                steps.append(("all",))
            elif re.fullmatch(r"-?\d+", inside):
                steps.append(("index", int(inside)))
            else:
                steps.append(("key", inside[1:-1]))
            i = close + 1
    values = [document]
    for step in steps:
        found = []
        for value in values:
            if step[0] == "all":
                if isinstance(value, list):
                    found.extend(value)
                elif isinstance(value, dict):
                    found.extend(value.values())
            elif step[0] == "index":
                if isinstance(value, list) and -len(value) <= step[1] < len(value):
                    found.append(value[step[1]])
            elif isinstance(value, dict) and step[1] in value:
                found.append(value[step[1]])
        values = found
    if any(step[0] == "all" for step in steps):
        return values
    return values[0] if values else NOTHING


def set_cookie(headers, name):
    value = NOTHING
    for key, text in headers:
        if key.lower() == "set-cookie":
            pair = text.split(";", 1)[0]
            if "=" in pair and pair.split("=", 1)[0].strip() == name:
                value = pair.split("=", 1)[1].strip()
    return value


def run_query(query, answer):
    status, headers, body, duration = answer
    kind, argument = query["kind"], query["argument"]
    if kind == "status":
        code = status_code(status)
        return code if code is not None else NOTHING
    if kind == "header":
        values = [v for k, v in headers if k.lower() == argument.lower()]
        return NOTHING if not values else values[0] if len(values) == 1 else values
    if kind == "cookie":
        return set_cookie(headers, argument)
    if kind == "body":
        return body.decode("utf-8", "replace")
    if kind == "bytes":
        return body
    if kind == "duration":
        return round(duration)
    if kind == "jsonpath":
        try:
            document = json.loads(body.decode("utf-8"))
        except ValueError:
            return NOTHING
        return json_path(argument, document)
    match = re.search(argument, body.decode("utf-8", "replace"))
    if not match:
        return NOTHING
    return match.group(1) if match.groups() else match.group(0)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bytes(value):
    return value if isinstance(value, bytes) else value.encode() if isinstance(value, str) else None


def _equal(actual, expected):
    if _is_number(actual) and _is_number(expected):
        return actual == expected
    if isinstance(actual, bytes):
        return _bytes(expected) == actual
    if isinstance(actual, (list, dict)):
        return json.dumps(actual) == json.dumps(expected)
    return type(actual) is type(expected) and actual == expected


def meets(op, actual, expected):
    if op == "exists":
        return actual is not NOTHING
    if actual is NOTHING:
        return False
    if op == "==":
        return _equal(actual, expected)
    if op == "!=":
        return not _equal(actual, expected)
    if op in (">", ">=", "<", "<="):
        if not (_is_number(actual) and _is_number(expected)):
            return False
        return {">": actual > expected, ">=": actual >= expected, "<": actual < expected, "<=": actual <= expected}[op]
    if op == "contains":
        if isinstance(actual, list):
            return any(_equal(item, expected) for item in actual)
        if isinstance(actual, bytes):
            part = _bytes(expected)
            return part is not None and part in actual
        return isinstance(actual, str) and isinstance(expected, str) and expected in actual
    if op in ("startsWith", "endsWith"):
        whole, part = _bytes(actual), _bytes(expected)
        if whole is None or part is None:
            return False
        return whole.startswith(part) if op == "startsWith" else whole.endswith(part)
    if op == "matches":
        return isinstance(actual, str) and isinstance(expected, str) and re.search(expected, actual) is not None
    return False


def expected_value(value, variables):
    if value is None:
        return None
    if value["kind"] == "null":
        return None
    if value["kind"] == "template":
        return variables.get(value["name"], NOTHING)
    return value["value"]


def judge_entry(entry, answer, variables):
    failures = []
    expect = entry["response"]
    if expect is None:
        return failures
    status, headers, body, duration = answer
    if expect["status"] != "*" and status_code(status) != expect["status"]:
        failures.append(f"status: expected {expect['status']}, got {status_code(status)}")
    for key, value in expect["headers"]:
        want = fill(value, variables)
        values = [v for k, v in headers if k.lower() == key.lower()]
        if want not in values:
            failures.append(f"header {key}: expected {want!r}, got {values or 'no such header'}")
    for capture in expect["captures"]:
        found = run_query(capture["query"], answer)
        if found is NOTHING:
            failures.append(f"capture {capture['name']}: found nothing")
        else:
            variables[capture["name"]] = found
    for check in expect["asserts"]:
        predicate = check["predicate"]
        actual = run_query(check["query"], answer)
        expected = expected_value(predicate["value"], variables)
        if meets(predicate["op"], actual, expected) == predicate["not"]:
            shown = "nothing" if actual is NOTHING else repr(actual)[:200]
            failures.append(f"{check['text']}: got {shown}")
    if expect["body"] is not None:
        want = fill(expect["body"]["text"], variables)
        if body.decode("utf-8", "replace") != want:
            failures.append(f"body: expected {want!r}, got {body[:200]!r}")
    return failures


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
