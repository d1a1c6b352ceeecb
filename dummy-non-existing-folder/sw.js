(function () {
  var e = new Map(),
    t = new Map(),
    n = 1;
  (self.addEventListener(`install`, () => {
    self.skipWaiting();
  }),
    self.addEventListener(`activate`, (e) => {
      e.waitUntil(self.clients.claim());
    }));
  function r(n, r) {
    e.get(n)?.port.close();
    let i = { port: r, pending: new Map() };
    ((r.onmessage = (e) => {
      let t = i.pending.get(e.data.id);
      (i.pending.delete(e.data.id), t?.(e.data));
    }),
      e.set(n, i));
    for (let e of t.get(n) ?? []) e(i);
    t.delete(n);
  }
  async function i(n) {
    return (
      e.get(n.id) ||
      (n.postMessage({ type: `runner-wanted` }),
      new Promise((e, r) => {
        let i = t.get(n.id) ?? [];
        (i.push(e),
          t.set(n.id, i),
          setTimeout(
            () => r(Error(`The page did not connect its app runner to the service worker.`)),
            5e3,
          ));
      }))
    );
  }
  async function a(e, t) {
    let r = n++,
      i = new Promise((t, n) => {
        (e.pending.set(r, t),
          setTimeout(() => {
            (e.pending.delete(r), n(Error(`The app runner did not answer.`)));
          }, 6e4));
      }),
      a = { type: `serve`, id: r, request: t };
    e.port.postMessage(a);
    let o = await i;
    if (o.type === `served`) return o.response;
    throw Error(o.type === `serve-failed` ? o.error : `Unexpected runner reply.`);
  }
  async function o(e, t, n, r) {
    let o;
    try {
      o = { type: `panel-response`, id: t, response: await a(await i(e), n) };
    } catch (e) {
      o = { type: `panel-error`, id: t, error: e instanceof Error ? e.message : String(e) };
    }
    r.postMessage(o, o.type === `panel-response` ? [o.response.body.buffer] : []);
  }
  self.addEventListener(`message`, (e) => {
    let t = e.source;
    if (!(t instanceof Client)) return;
    let n = e.data,
      i = e.ports[0];
    if (i)
      switch (n.type) {
        case `attach-runner`:
          r(t.id, i);
          return;
        case `panel-request`:
          e.waitUntil(o(t, n.id, n.request, i));
          return;
      }
  });
})();
