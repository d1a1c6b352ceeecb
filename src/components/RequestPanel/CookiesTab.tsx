/**
 * @module CookiesTab
 * The cookie jar the panel and the preview share: what the app has set,
 * editable by hand. Cookies a browser would refuse are listed with why.
 */
import { useState } from "react";
import { clearCookies, deleteCookie, setCookie, useCookies } from "../../state/cookies";
import { updateRequest, useRequest } from "../../state/request";

/** The Cookies tab. */
export function CookiesTab() {
  const { cookies, rejected } = useCookies();
  const host = useRequest((state) => state.host);
  const useJar = useRequest((state) => state.useCookieJar);
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  return (
    <>
      <label className="inline">
        <input
          type="checkbox"
          checked={useJar}
          onChange={(event) => updateRequest({ useCookieJar: event.target.checked })}
        />
        Use the cookie jar (send its cookies, keep what responses set)
      </label>
      {cookies.length === 0 ? (
        <p className="hint">No cookies yet. Cookies the app sets with Set-Cookie appear here.</p>
      ) : (
        <table className="kv cookies" aria-label="Cookies">
          <thead>
            <tr>
              <th>Name</th>
              <th>Value</th>
              <th>Domain</th>
              <th>Path</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {cookies.map((cookie) => (
              <tr key={`${cookie.domain}|${cookie.path}|${cookie.name}`}>
                <th scope="row">{cookie.name}</th>
                <td>{cookie.value}</td>
                <td>{cookie.domain}</td>
                <td>{cookie.path}</td>
                <td>
                  {cookie.expires ? new Date(cookie.expires).toLocaleString() : "session"}
                  {cookie.httpOnly && <span className="badge">HttpOnly</span>}
                  {cookie.secure && <span className="badge">Secure</span>}
                </td>
                <td>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Delete cookie ${cookie.name}`}
                    onClick={() => void deleteCookie(cookie)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rejected.length > 0 && (
        <ul className="rejected" aria-label="Refused cookies">
          {rejected.map((item, index) => (
            <li key={index}>
              <code>{item.header}</code> was not stored: {item.reason}
            </li>
          ))}
        </ul>
      )}
      <form
        className="row-actions"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name) return;
          void setCookie(host, { name, value });
          setName("");
          setValue("");
        }}
      >
        <input
          aria-label="New cookie name"
          placeholder="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          aria-label="New cookie value"
          placeholder="value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="small">
          Add cookie
        </button>
        <button
          type="button"
          className="small"
          onClick={() => void clearCookies()}
          disabled={cookies.length === 0}
        >
          Clear all
        </button>
      </form>
    </>
  );
}
