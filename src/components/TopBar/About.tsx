/**
 * @module About
 * The About button and its dialog: what the playground is, and every
 * third-party package the site ships — CPython and Pyodide, the Python
 * frameworks from Debian's archive, the page's npm packages — with its
 * version and license, each license's text a link to the copy the site
 * serves. Drawn only while open; Escape closes it, the focus back on the
 * button.
 */
import { useEffect, useRef, useState } from "react";
import frameworks from "virtual:frameworks";
import type { Credit } from "../../frameworks/credits";
import { BarDialog } from "../common/BarDialog";

const PARTS: [Credit["part"], string][] = [
  ["python", "Python in the page"],
  ["framework", "Python frameworks"],
  ["page", "The page and its workers"],
];

/** One part's packages, as a table. */
function CreditTable({
  credits,
  part,
  title,
}: {
  credits: Credit[];
  part: Credit["part"];
  title: string;
}) {
  const rows = credits.filter((credit) => credit.part === part);
  if (rows.length === 0) return null;
  return (
    <table className="kv credits" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Package</th>
          <th scope="col">Version</th>
          <th scope="col">License</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((credit) => (
          <tr key={`${credit.name}@${credit.version}`}>
            <th scope="row">{credit.name}</th>
            <td>{credit.version}</td>
            <td>
              {credit.licenseFile ? (
                <a href={credit.licenseFile} target="_blank" rel="noreferrer">
                  {credit.license}
                </a>
              ) : (
                credit.license
              )}
              {credit.note && <span className="muted">{credit.note}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The About button and dialog. */
export function About() {
  const [open, setOpen] = useState(false);
  // The list is read when the dialog first opens: it is not the first paint's business.
  const [credits, setCredits] = useState<Credit[] | null>(null);
  useEffect(() => {
    if (open && !credits) void import("virtual:credits").then((list) => setCredits(list.default));
  }, [open, credits]);
  const opener = useRef<HTMLButtonElement>(null);
  const hide = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="bar-button"
        aria-expanded={open}
        onClick={() => (open ? hide() : setOpen(true))}
      >
        About
      </button>
      {open && (
        <BarDialog
          label="About"
          title="About the WSGI Playground"
          className="help about"
          onClose={hide}
        >
          <p>
            A WSGI server in your browser: Python apps run in CPython itself (Pyodide) with
            CPython&apos;s own wsgiref; TypeScript apps on the playground&apos;s port of it.
            Everything it runs is served by this site. It ships these packages:
          </p>
          {!frameworks.available && (
            <p role="note">
              This build has no Python frameworks: {frameworks.reason}. A build on Debian or Ubuntu
              fetches Flask, Werkzeug and Bottle from Debian&apos;s archive.
            </p>
          )}
          {credits ? (
            PARTS.map(([part, title]) => (
              <CreditTable key={part} credits={credits} part={part} title={title} />
            ))
          ) : (
            <p className="muted">Reading the list…</p>
          )}
        </BarDialog>
      )}
    </>
  );
}
