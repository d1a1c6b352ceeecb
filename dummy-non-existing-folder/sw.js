(function () {
  function e(e) {
    return e === `/` ? `` : e.replace(/\/$/, ``);
  }
  var t = new Set([`referer`, `origin`]);
  async function n(n, r) {
    let i = new URL(n.url),
      a = `http://${r.host}`,
      o = [[`Host`, r.host]];
    n.headers.forEach((e, n) => {
      n !== `host` &&
        n !== `cookie` &&
        n !== `content-length` &&
        o.push([n, t.has(n) ? e.replace(i.origin, a) : e]);
    });
    let s =
      n.method === `GET` || n.method === `HEAD`
        ? new Uint8Array()
        : new Uint8Array(await n.arrayBuffer());
    (s.length > 0 || ![`GET`, `HEAD`, `OPTIONS`].includes(n.method)) &&
      o.push([`Content-Length`, String(s.length)]);
    let [c = `localhost`, l = `80`] = r.host.split(`:`);
    return {
      method: n.method,
      target: i.pathname + i.search,
      httpVersion: `HTTP/1.1`,
      headers: o,
      body: s,
      server: { name: c, port: l },
      scriptName: e(r.scopePath),
    };
  }
  var r = new Set([101, 103, 204, 205, 304]),
    i = new Set([
      `set-cookie`,
      `set-cookie2`,
      `connection`,
      `keep-alive`,
      `transfer-encoding`,
      `upgrade`,
    ]);
  function a(e, t) {
    let n = Number(e.status.slice(0, 3));
    if (!e.status || !Number.isInteger(n) || n < 200 || n > 599) {
      let t = e.status
        ? `The app answered with status "${e.status}", which a browser cannot show.`
        : `The app failed before it sent a status line.`;
      return new Response(`${t}\n\n${e.errors}`, {
        status: 502,
        statusText: `Bad Gateway`,
        headers: {
          "Content-Type": `text/plain; charset=utf-8`,
          "X-WSGI-Playground": `preview-error`,
        },
      });
    }
    let a = new Headers();
    for (let [t, n] of e.headers)
      if (!i.has(t.toLowerCase()))
        try {
          a.append(t, n);
        } catch {}
    let o = e.status.slice(4).replace(/[^\t\x20-\x7e\x80-\xff]/g, ``),
      s = r.has(n) || t === `HEAD`;
    return new Response(s ? null : e.body, { status: n, statusText: o, headers: a });
  }
  var o = 5e3,
    s = 6e4,
    c = `localhost:8000`,
    l = new Map(),
    u = new Map(),
    d = new Map(),
    f = new Set(),
    p = 1;
  (self.addEventListener(`install`, () => {
    self.skipWaiting();
  }),
    self.addEventListener(`activate`, (e) => {
      e.waitUntil(self.clients.claim());
    }));
  function m(e, t) {
    l.get(e)?.port.close();
    let n = { port: t, pending: new Map() };
    ((t.onmessage = (e) => {
      let t = n.pending.get(e.data.id);
      (n.pending.delete(e.data.id), t?.(e.data));
    }),
      l.set(e, n),
      f.add(e));
    for (let t of u.get(e) ?? []) t(n);
    u.delete(e);
  }
  async function h(e) {
    return (
      l.get(e.id) ||
      (e.postMessage({ type: `runner-wanted` }),
      new Promise((t, n) => {
        let r = u.get(e.id) ?? [];
        (r.push(t),
          u.set(e.id, r),
          setTimeout(
            () => n(Error(`The page did not connect its app runner to the service worker.`)),
            o,
          ));
      }))
    );
  }
  async function g(e, t) {
    let n = p++,
      r = new Promise((t, r) => {
        (e.pending.set(n, t),
          setTimeout(() => {
            (e.pending.delete(n), r(Error(`The app runner did not answer.`)));
          }, s));
      }),
      i = { type: `serve`, id: n, request: t };
    e.port.postMessage(i);
    let a = await r;
    if (a.type === `served`) return a.response;
    throw Error(a.type === `serve-failed` ? a.error : `Unexpected runner reply.`);
  }
  async function _(e, t, n, r) {
    let i;
    try {
      i = { type: `panel-response`, id: t, response: await g(await h(e), n) };
    } catch (e) {
      i = { type: `panel-error`, id: t, error: e instanceof Error ? e.message : String(e) };
    }
    r.postMessage(i, i.type === `panel-response` ? [i.response.body.buffer] : []);
  }
  self.addEventListener(`message`, (e) => {
    let t = e.source;
    if (!(t instanceof Client)) return;
    let n = e.data,
      r = e.ports[0];
    if (r)
      switch (n.type) {
        case `attach-runner`:
          m(t.id, r);
          return;
        case `panel-request`:
          e.waitUntil(_(t, n.id, n.request, r));
          return;
      }
  });
  async function v(e) {
    for (let t of e) {
      let e = d.get(t) ?? (l.has(t) ? t : void 0);
      if (e) {
        let t = await self.clients.get(e);
        if (t && t.type === `window`) return t;
      }
    }
    let t = (await self.clients.matchAll({ type: `window` })).filter(
      (e) => e.frameType === `top-level` && !d.has(e.id),
    );
    return t.find((e) => e.focused) ?? t.find((e) => l.has(e.id)) ?? t[0] ?? null;
  }
  async function y(e) {
    if (!e || f.has(e)) return !1;
    if (d.has(e)) return !0;
    let t = await self.clients.get(e),
      n = t?.type === `window` && t.frameType === `nested`;
    return (n || f.add(e), n);
  }
  function b(e, t) {
    return new Promise((n, r) => {
      let i = new MessageChannel(),
        a = setTimeout(() => r(Error(`The playground page did not answer.`)), s);
      i.port1.onmessage = (e) => {
        (clearTimeout(a),
          i.port1.close(),
          e.data.type === `preview-response` ? n(e.data.response) : r(Error(e.data.error)));
      };
      let o = { type: `preview-request`, id: p++, request: t };
      e.postMessage(o, [i.port2]);
    });
  }
  function x(e, t) {
    return new Response(t, {
      status: e,
      headers: {
        "Content-Type": `text/plain; charset=utf-8`,
        "X-WSGI-Playground": `preview-error`,
      },
    });
  }
  async function S(e, t) {
    let r = e.request;
    if (!t && !(await y(e.clientId))) return fetch(r);
    let i = await v([e.clientId]);
    if (!i) return x(503, `No playground window is open to serve the preview.`);
    e.resultingClientId && d.set(e.resultingClientId, i.id);
    let o = new URL(self.registration.scope).pathname;
    try {
      return a(await b(i, await n(r, { scopePath: o, host: c })), r.method);
    } catch (e) {
      return x(504, `The preview request failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  self.addEventListener(`fetch`, (e) => {
    let t = e.request;
    new URL(t.url).origin === self.location.origin &&
      ((t.mode === `navigate` && (t.destination === `iframe` || t.destination === `frame`)) ||
      d.has(e.clientId)
        ? e.respondWith(S(e, !0))
        : e.clientId && !f.has(e.clientId) && t.mode !== `navigate` && e.respondWith(S(e, !1)));
  });
})();
