/**
 * @module BodyView
 * The response body in four views, chosen from its Content-Type and
 * switchable: Pretty, Raw (with the decoding shown and changeable), Hex and
 * Rendered.
 */
import { useMemo, useState } from "react";
import {
  chooseView,
  decodeBody,
  DECODINGS,
  defaultDecoding,
  PRETTY_LIMIT,
  splitsAtNewlineBytes,
  type BodyViewKind,
  type Decoding,
} from "../../../inspect/body-format";

/** Bodies larger than this are shown line by line from their bytes. */
const LARGE = 200_000;
import { ByteLinesView } from "./ByteLinesView";
import { HexView } from "./HexView";
import { PrettyView } from "./PrettyView";
import { RenderedView } from "./RenderedView";
import { TextView } from "./TextView";
import { count } from "../../common/format";

const VIEWS: [BodyViewKind, string][] = [
  ["pretty", "Pretty"],
  ["raw", "Raw"],
  ["hex", "Hex"],
  ["rendered", "Rendered"],
];

/** The body of a response, in the view the user picks. */
export function BodyView({
  body,
  contentType,
}: {
  body: Uint8Array;
  contentType: string | undefined;
}) {
  const [picked, setPicked] = useState<{ body: Uint8Array; view: BodyViewKind } | null>(null);
  const [decoding, setDecoding] = useState<Decoding | null>(null);
  // A new body opens in the view that suits it; a pick holds for that body.
  const view = picked && picked.body === body ? picked.view : chooseView(contentType, body.length);
  const usedDecoding = decoding ?? defaultDecoding(contentType);
  const byLines = body.length > LARGE && splitsAtNewlineBytes(usedDecoding);
  const needsText =
    !byLines && (view === "raw" || (view === "pretty" && body.length > PRETTY_LIMIT));
  const text = useMemo(
    () => (needsText ? decodeBody(body, usedDecoding) : ""),
    [needsText, body, usedDecoding],
  );
  const plain = byLines ? (
    <ByteLinesView bytes={body} decoding={usedDecoding} />
  ) : (
    <TextView text={text} />
  );
  return (
    <div className="body-view">
      <div className="row-actions">
        <div role="radiogroup" aria-label="Body view" className="segmented">
          {VIEWS.map(([kind, label]) => (
            <label key={kind} className={view === kind ? "on" : ""}>
              <input
                type="radio"
                name="body-view"
                checked={view === kind}
                onChange={() => setPicked({ body, view: kind })}
              />
              {label}
            </label>
          ))}
        </div>
        {view === "raw" && (
          <label className="inline">
            Decoding
            <select
              value={usedDecoding}
              onChange={(event) => setDecoding(event.target.value as Decoding)}
            >
              {DECODINGS.map((name) => (
                <option key={name} value={name}>
                  {name.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="meta">{count(body.length)} bytes</span>
      </div>
      {view === "pretty" &&
        (body.length > PRETTY_LIMIT ? (
          <>
            <p className="warning">
              Too large to pretty-print ({(body.length / 1024 / 1024).toFixed(1)} MB): shown raw.
            </p>
            {plain}
          </>
        ) : (
          <PrettyView bytes={body} contentType={contentType} />
        ))}
      {view === "raw" && plain}
      {view === "hex" && <HexView bytes={body} />}
      {view === "rendered" && <RenderedView bytes={body} contentType={contentType} />}
    </div>
  );
}
