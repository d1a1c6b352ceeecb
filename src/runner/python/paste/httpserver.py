"""``paste.httpserver.serve``, as the playground runs it.

Paste's ``serve(app, host, port)`` starts a threaded HTTP server and blocks.
In the playground there is no socket: ``serve`` makes ``app`` the one that
answers the playground's requests (as ``wsgiref.simple_server.make_server``
does here), prints what Paste prints, and returns, so the module runs to its
end. Its other arguments are accepted and ignored.
"""

from playground_load import register


def serve(application, host=None, port=None, handler=None, ssl_pem=None,
          ssl_context=None, server_version=None, protocol_version=None,
          start_loop=True, daemon_threads=None, socket_timeout=None,
          use_threadpool=None, threadpool_workers=10,
          threadpool_options=None, request_queue_size=5):
    register(application)
    host = host or "0.0.0.0"
    port = port or "8080"
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    print("serving on %s:%s view at http://%s:%s" % (host or "0.0.0.0", port, shown, port))
