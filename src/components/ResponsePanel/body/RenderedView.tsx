/**
 * @module RenderedView
 * HTML drawn in a sandboxed frame with scripts off (a switch turns them on,
 * still without access to the playground's origin or storage), and images
 * shown as images.
 */
import { useEffect, useMemo, useState } from "react";
import { parseContentType } from "../../../inspect/body-format";

/** The Rendered view of a body. */
export function RenderedView({
  bytes,
  contentType,
}: {
  bytes: Uint8Array;
  contentType: string | undefined;
}) {
  const { type } = parseContentType(contentType);
  const [scripts, setScripts] = useState(false);
  const imageUrl = useMemo(
    () =>
      type.startsWith("image/") ? URL.createObjectURL(new Blob([bytes.slice()], { type })) : null,
    [bytes, type],
  );
  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);
  if (imageUrl) {
    return (
      <div className="rendered-image" role="region" aria-label="Response body">
        <img src={imageUrl} alt={`The response body, drawn as ${type}`} />
      </div>
    );
  }
  const html = new TextDecoder().decode(bytes);
  return (
    <div className="rendered">
      <label className="inline">
        <input
          type="checkbox"
          checked={scripts}
          onChange={(event) => setScripts(event.target.checked)}
        />
        Run the page&rsquo;s scripts (in a sandbox with no access to the playground)
      </label>
      <iframe
        key={scripts ? "scripts" : "static"}
        title="Rendered response body"
        sandbox={scripts ? "allow-scripts" : ""}
        srcDoc={html}
      />
    </div>
  );
}
