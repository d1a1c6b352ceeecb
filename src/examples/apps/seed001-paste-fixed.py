def application(environ, start_response):
   start_response('200 OK', [('content-type', 'text/html')])
   # Python 3: the body is bytes.
   return [b'Hello world!']

if __name__ == '__main__':
  # Paste's own server: serve() prints where it listens, then answers every request.
  from paste import httpserver
  httpserver.serve(application, host='', port='8000')
