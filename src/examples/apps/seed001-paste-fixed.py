def application(environ, start_response):
   start_response('200 OK', [('content-type', 'text/html')])
   # Python 3: the body is bytes.
   return [b'Hello world!']

if __name__ == '__main__':
  # The playground's small paste module: serve() makes the app the one that answers.
  from paste import httpserver
  httpserver.serve(application, host='', port='8000')
