# Python 3: cgi.parse_qs and cgi.escape are gone (since 3.8): urllib.parse
# and html have them; a body is bytes; b64encode takes and gives bytes.
import base64, html
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

def page(content, *args):
    yield b'<html><head><title>wsgi_app.py</title></head><body>'
    yield (content % args).encode()
    yield b'</body>'

def simple_app(environ, start_response):
    gohome = '<br><a href="/">Return to the home page</a>'
    q = parse_qs(environ['QUERY_STRING'])
    if environ['PATH_INFO'] == '/':
        if environ['REQUEST_METHOD'] != 'GET' or environ['QUERY_STRING']:
            start_response('400 Bad Request', [('Content-Type', 'text/plain')])
            return [b'Error: the front page is not a form']
        start_response('200 OK', [('Content-Type', 'text/html')])
        return page('Welcome! Enter a string: <form action="encode">'
                    '<input name="mystring"><input type="submit"></form>')
    elif environ['PATH_INFO'] == '/encode':
        if environ['REQUEST_METHOD'] != 'GET':
            start_response('400 Bad Request', [('Content-Type', 'text/plain')])
            return [b'Error: this form does not support POST parameters']
        if 'mystring' not in q or not q['mystring'][0]:
            start_response('400 Bad Request', [('Content-Type', 'text/plain')])
            return [b'Error: this form requires a "mystring" parameter']
        my = q['mystring'][0]
        start_response('200 OK', [('Content-Type', 'text/html')])
        return page('<tt>%s</tt> base64 encoded is: <tt>%s</tt>' + gohome,
                    html.escape(repr(my)), html.escape(base64.b64encode(my.encode()).decode()))
    else:
        start_response('404 Not Found', [('Content-Type', 'text/plain')])
        return [b'That URL is not valid']

print('Listening on localhost:8000')
make_server('localhost', 8000, simple_app).serve_forever()
