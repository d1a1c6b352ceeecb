"""Answers library calls with CPython's own functions, for the runtime's
unit tests. Reads a JSON list of [function, args...] from stdin and writes a
JSON list of results (or {"error": "Type: message"}) to stdout.

    echo '[["quote", "/a b", "/", "utf-8"]]' | python3 scripts/python_calls.py
"""
import html
import io
import json
import sys
import warnings
from urllib.parse import parse_qs, parse_qsl, quote, unquote
from wsgiref import util
from wsgiref.headers import Headers
from wsgiref.validate import validator

warnings.simplefilter("ignore", DeprecationWarning)
import cgi  # noqa: E402  (deprecated, still the reference for the form parser)

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import wsgiref_oracle  # noqa: E402


def plain(environ):
    return {k: v for k, v in environ.items() if isinstance(v, (str, int, bool, tuple))}


def shift_path_info(environ):
    name = util.shift_path_info(environ)
    return [name, environ.get("SCRIPT_NAME"), environ.get("PATH_INFO")]


def setup_testing_defaults(environ):
    util.setup_testing_defaults(environ)
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in plain(environ).items()}


def headers_ops(initial, ops):
    h = Headers([tuple(p) for p in initial])
    out = []
    for op, *args in ops:
        if op == "set":
            h[args[0]] = args[1]; out.append(None)
        elif op == "delete":
            del h[args[0]]; out.append(None)
        elif op == "get":
            out.append(h.get(*args))
        elif op == "has":
            out.append(args[0] in h)
        elif op == "get_all":
            out.append(h.get_all(args[0]))
        elif op == "setdefault":
            out.append(h.setdefault(*args))
        elif op == "add_header":
            h.add_header(args[0], args[1], **args[2]); out.append(None)
        elif op == "length":
            out.append(len(h))
        elif op == "keys":
            out.append(h.keys())
        elif op == "values":
            out.append(h.values())
    return {"results": out, "items": [list(kv) for kv in h.items()], "str": str(h)}


def field_storage(environ, body, options):
    environ = dict(environ)
    data = body.encode("latin-1")
    form = cgi.FieldStorage(fp=io.BytesIO(data), environ=environ, **options)
    fields = []
    for item in form.list or []:
        value = item.value
        if isinstance(value, bytes):
            value = {"bytes": value.decode("latin-1")}
        fields.append([item.name, value, item.filename, getattr(item, "type", None)])
    return {"type": form.type, "fields": fields}


def validate(app_name, method="GET"):
    """Run an oracle app under wsgiref.validate; return the AssertionError text or the warnings."""
    environ = {"REQUEST_METHOD": method, "QUERY_STRING": ""}
    util.setup_testing_defaults(environ)
    app = validator(getattr(wsgiref_oracle, app_name))
    caught = []

    def start_response(status, headers, exc_info=None):
        return lambda data: None

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            result = app(environ, start_response)
            try:
                for _ in result:
                    pass
            finally:
                if hasattr(result, "close"):
                    result.close()
        except AssertionError as e:
            caught.append(str(e))
        except Exception as e:  # the app's own exception, not the validator's
            caught.append("raised " + type(e).__name__)
    return {"error": caught[0] if caught else None, "warnings": [str(w.message) for w in seen if w.category.__name__ == "WSGIWarning"]}


def bytesio_ops(data, ops):
    """Run read/readline/readlines/iteration on io.BytesIO, results as latin-1 text."""
    stream = io.BytesIO(data.encode("latin-1"))
    out = []
    for op, *args in ops:
        if op == "iter":
            out.append([line.decode("latin-1") for line in stream])
        elif op == "readlines":
            out.append([line.decode("latin-1") for line in stream.readlines(*args)])
        else:
            out.append(getattr(stream, op)(*args).decode("latin-1"))
    return out


def file_wrapper(data, blksize):
    return [block.decode("latin-1") for block in util.FileWrapper(io.BytesIO(data.encode("latin-1")), blksize)]


def demo(environ):
    from wsgiref.simple_server import demo_app
    seen = []
    body = demo_app(dict(environ), lambda status, headers: seen.append([status, [list(h) for h in headers]]))
    return {"start": seen, "body": b"".join(body).decode("utf-8")}


FUNCTIONS = {
    "bytesio_ops": bytesio_ops,
    "file_wrapper": file_wrapper,
    "demo_app": demo,
    "quote": lambda s, safe, enc: quote(s, safe, encoding=enc),
    "unquote": lambda s, enc: unquote(s, encoding=enc),
    "parse_qsl": lambda qs, kw: [list(p) for p in parse_qsl(qs, **kw)],
    "parse_qs": lambda qs, kw: parse_qs(qs, **kw),
    "escape": lambda s, q: html.escape(s, q),
    "encode_latin1": lambda s: list(s.encode("iso-8859-1")),
    "is_hop_by_hop": util.is_hop_by_hop,
    "guess_scheme": util.guess_scheme,
    "application_uri": util.application_uri,
    "request_uri": util.request_uri,
    "shift_path_info": shift_path_info,
    "setup_testing_defaults": setup_testing_defaults,
    "headers_ops": headers_ops,
    "field_storage": field_storage,
    "validate": validate,
}

results = []
for name, *args in json.load(sys.stdin):
    try:
        results.append(FUNCTIONS[name](*args))
    except Exception as e:
        results.append({"error": f"{type(e).__name__}: {e}"})
json.dump(results, sys.stdout)
