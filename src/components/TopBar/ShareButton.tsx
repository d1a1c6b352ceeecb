/**
 * @module ShareButton
 * Copy a link that opens this project as it is now.
 */
import { useState } from "react";
import { currentLink } from "../../state/share-link";
import { count } from "../common/format";

/** The Share button. */
export function ShareButton() {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="bar-button"
        onClick={async () => {
          const link = currentLink();
          await navigator.clipboard.writeText(link).catch(() => undefined);
          setCopied(`Link copied (${count(link.length)} characters)`);
          setTimeout(() => setCopied(null), 4000);
        }}
      >
        Share
      </button>
      {copied && (
        <span className="bar-note" role="status" aria-label="Share link">
          {copied}
        </span>
      )}
    </>
  );
}
