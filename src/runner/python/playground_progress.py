"""How a slow response goes, told to the page as it goes (the panel's requests, the streamed preview)."""

import json
import time


class Progress:
    """Tells the page how a slow response goes (see wsgi/serve-progress.ts, its twin).

    The head once sent, then the body and the call trace as they grow: the
    first news at once, then at most one message every 30 ms. `tell(json,
    chunk)` is the runner's: the news as JSON, and the body bytes since the
    last message.
    """

    EVERY = 0.030

    from_app = False
    """True when the server tells nothing as it writes (all but wsgiref): the app's own
    status, headers and chunks are told instead, and the response's record puts the
    server's bytes in their place when it is done."""

    def __init__(self, tell, recorder):
        self.tell = tell
        self.recorder = recorder
        self.last = -1.0
        self.trace_told = 0
        self.chunks = []
        self.head = None
        self.head_told = False

    def headers(self, status, headers):
        self.head = (status, headers)

    def app_chunk(self, status, headers, data):
        """A chunk as the app gave it (from_app): the app's status and headers come with the first."""
        if self.head is None and isinstance(status, str) and isinstance(headers, list):
            self.headers(status, [h for h in headers if isinstance(h, tuple) and len(h) == 2])
        self.body(data)

    def body(self, data):
        self.chunks.append(bytes(data))
        now = time.perf_counter()
        if now - self.last >= self.EVERY:
            self.last = now
            self.flush()

    def flush(self):
        trace = self.recorder.trace[self.trace_told :]
        head = None if self.head_told else self.head
        if not self.chunks and not trace and head is None:
            return
        self.trace_told = len(self.recorder.trace)
        chunk = b"".join(self.chunks)
        self.chunks = []
        news = {"trace": trace}
        if head is not None:
            self.head_told = True
            news["status"], news["headers"] = head[0], [list(h) for h in head[1]]
        self.tell(json.dumps(news), chunk)
