# Bottle: a whole framework in one module. A route with a parameter, a
# cookie set on the response, and read back on the next request (the
# cookie jar sends it). bottle.run() uses wsgiref's server by default.
from bottle import Bottle, request, response, run

app = Bottle()


@app.route("/hello/<name>")
def hello(name):
    last = request.get_cookie("last_name")
    response.set_cookie("last_name", name, path="/")
    response.content_type = "text/plain"
    if last:
        return f"Hello, {name}! Last time you were {last}.\n"
    return f"Hello, {name}!\n"


if __name__ == "__main__":
    run(app, host="localhost", port=8080)
