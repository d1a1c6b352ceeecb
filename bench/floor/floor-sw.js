// The floor: answer "ping" with an empty response, as fast as a service worker can.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {
  if (new URL(event.request.url).pathname.endsWith("/ping")) event.respondWith(new Response());
});
