# Two apps on one server: Werkzeug's DispatcherMiddleware mounts a Flask app
# at / and a plain WSGI app at /legacy. Like shift_path_info, it moves the
# mount point from PATH_INFO to SCRIPT_NAME, so each app sees itself at its
# own root. Try /legacy/report and /about.
from flask import Flask, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from wsgiref.simple_server import make_server

site = Flask(__name__)


@site.route("/about")
def about():
    return f"Flask app: SCRIPT_NAME={request.script_root!r} path={request.path!r}\n"


def legacy(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    script, path = environ["SCRIPT_NAME"], environ["PATH_INFO"]
    return [f"legacy app: SCRIPT_NAME={script!r} PATH_INFO={path!r}\n".encode()]


application = DispatcherMiddleware(site, {"/legacy": legacy})

make_server("", 8000, application).serve_forever()
