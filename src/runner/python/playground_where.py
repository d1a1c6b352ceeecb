"""Where in the user's code: the project's innermost frame, for findings and an interrupted app.

A place is ``{file, line, column}``, the file relative to the project; the
playground's own frames and the standard library's are nobody's place.
"""

import traceback

from playground_load import PROJECT


def _user_location(frames):
    """The innermost frame in the project's files, as {file, line, column}."""
    found = None
    for filename, line in frames:
        if filename.startswith(PROJECT + "/"):
            found = {"file": filename[len(PROJECT) + 1 :], "line": line, "column": 1}
    return found


def stack_location():
    """Where the user's code is now."""
    return _user_location((f.filename, f.lineno) for f in traceback.extract_stack())


def traceback_location(tb):
    """Where the user's code was when an exception was raised."""
    return _user_location((f.filename, f.lineno) for f in traceback.extract_tb(tb))


def running_line(tb):
    """Where an interrupted app was: the innermost line of the project's files in `tb`.

    {file, line, column, function, text}, or None when no frame is the project's.
    """
    found = None
    for frame in traceback.extract_tb(tb):
        if frame.filename.startswith(PROJECT + "/"):
            found = {
                "file": frame.filename[len(PROJECT) + 1 :],
                "line": frame.lineno,
                "column": 1,
                "function": frame.name,
                "text": (frame.line or "").strip(),
            }
    return found


def frame_location(frame):
    """A frame's place, when it is in the project's files."""
    name = frame.f_code.co_filename
    if name.startswith(PROJECT + "/"):
        return {"file": name[len(PROJECT) + 1 :], "line": frame.f_lineno, "column": 1}
    return None
