def application(environ, start_response):
   start_response('200 OK', [('content-type', 'text/html')])
   return ['Hello world!']

if __name__ == '__main__':
  from paste import httpserver
  httpserver.serve(application, host='', port='8000')
