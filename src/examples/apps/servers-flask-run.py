# app.run() is Werkzeug's development server, not wsgiref: its environ keys
# (RAW_URI, REQUEST_URI, REMOTE_PORT as an int, werkzeug.socket), its Server
# header, and its own log line per request in the Errors log.
from flask import Flask, request

app = Flask(__name__)


@app.route("/")
def index():
    environ = request.environ
    return {
        "SERVER_SOFTWARE": environ["SERVER_SOFTWARE"],
        "RAW_URI": environ["RAW_URI"],
        "REQUEST_URI": environ["REQUEST_URI"],
        "REMOTE_PORT is a": type(environ["REMOTE_PORT"]).__name__,
        "werkzeug keys": sorted(key for key in environ if key.startswith("werkzeug.")),
    }


if __name__ == "__main__":
    app.run()
