# Seed 002's hint: serve several apps from one server by shifting the first
# segment of PATH_INFO onto SCRIPT_NAME with shift_path_info. Each app then
# sees itself mounted: try /blog/2024 and /shop/cart.
from wsgiref.simple_server import make_server
from wsgiref.util import shift_path_info


def show(name):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        text = f"{name}: SCRIPT_NAME={environ['SCRIPT_NAME']} PATH_INFO={environ['PATH_INFO']}\n"
        return [text.encode()]

    return app


apps = {"blog": show("blog"), "shop": show("shop")}


def router(environ, start_response):
    name = shift_path_info(environ)
    app = apps.get(name)
    if app is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [f"No app at /{name or ''}\n".encode()]
    return app(environ, start_response)


make_server("", 8000, router).serve_forever()
