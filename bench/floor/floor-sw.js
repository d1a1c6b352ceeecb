// The floor: answer "ping" with an empty response, as fast as a service
// worker can. "hello" answers with what the hello-world app sends (its body
// and headers, the body as a Blob, the fastest way a worker can hand one
// over), to show how much of a response's cost is the body alone.
const HELLO = new TextEncoder().encode("Hello world!");
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {
  const path = new URL(event.request.url).pathname;
  if (path.endsWith("/ping")) event.respondWith(new Response());
  if (path.endsWith("/hello")) {
    event.respondWith(
      new Response(new Blob([HELLO]), {
        headers: {
          Date: new Date().toUTCString(),
          Server: "WSGIServer/0.2 CPython/3.13",
          "Content-Type": "text/plain",
          "Content-Length": String(HELLO.length),
        },
      }),
    );
  }
});
