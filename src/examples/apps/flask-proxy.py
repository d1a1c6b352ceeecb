# Flask behind a proxy: a proxy (nginx, a load balancer) connects to the app
# itself and says who the client was in X-Forwarded-* headers. ProxyFix
# trusts one hop of them and rewrites the environ: REMOTE_ADDR, wsgi.url_scheme,
# HTTP_HOST. Send this request, then look at Layers: the environ ProxyFix
# received and the one it passed to Flask.
from flask import Flask, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)


@app.route("/where")
def where():
    return jsonify(
        url=request.url,
        scheme=request.scheme,
        host=request.host,
        remote_addr=request.remote_addr,
    )


app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

if __name__ == "__main__":
    app.run(port=5000)
