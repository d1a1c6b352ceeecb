// A file download with wsgi.file_wrapper (wsgiref's FileWrapper): the file
// is read in blocks as the server iterates, and closed at the end.
import { BytesIO } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

export default function app(environ: Environ, start_response: StartResponse) {
  const rows = ["id,name", "1,Ada", "2,Grace", "3,Guido"].join("\n") + "\n";
  const file = new BytesIO(new TextEncoder().encode(rows));
  start_response("200 OK", [
    ["Content-Type", "text/csv"],
    ["Content-Disposition", 'attachment; filename="people.csv"'],
  ]);
  return new environ["wsgi.file_wrapper"](file, 8);
}
