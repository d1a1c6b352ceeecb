# A file download with wsgi.file_wrapper (wsgiref's FileWrapper): the file
# is read in blocks as the server iterates, and closed at the end.
import io
from wsgiref.simple_server import make_server


def app(environ, start_response):
    rows = "\n".join(["id,name", "1,Ada", "2,Grace", "3,Guido"]) + "\n"
    file = io.BytesIO(rows.encode())
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/csv"),
            ("Content-Disposition", 'attachment; filename="people.csv"'),
        ],
    )
    return environ["wsgi.file_wrapper"](file, 8)


make_server("", 8000, app).serve_forever()
