/**
 * @module PrettyView
 * JSON re-indented and HTML laid out (js-beautify, loaded when first
 * needed), then colourised with Monaco's tokenizer.
 */
import { useEffect, useState } from "react";
import { isJson, parseContentType, prettyJson } from "../../../inspect/body-format";
import { TextView } from "./TextView";

async function pretty(
  text: string,
  type: string,
): Promise<{ text: string; language: string; note: string | null }> {
  if (isJson(type)) {
    const formatted = prettyJson(text);
    return formatted === null
      ? {
          text,
          language: "plaintext",
          note: "The body says it is JSON but does not parse; shown as it is.",
        }
      : { text: formatted, language: "javascript", note: null };
  }
  const { html } = await import("js-beautify");
  return {
    text: html(text, { indent_size: 2, wrap_line_length: 0 }),
    language: "html",
    note: null,
  };
}

/** The Pretty view of a JSON or HTML body. */
export function PrettyView({
  bytes,
  contentType,
}: {
  bytes: Uint8Array;
  contentType: string | undefined;
}) {
  const [result, setResult] = useState<{
    text: string;
    html: string | null;
    note: string | null;
  } | null>(null);
  useEffect(() => {
    let cancelled = false;
    const text = new TextDecoder().decode(bytes);
    void (async () => {
      const formatted = await pretty(text, parseContentType(contentType).type);
      if (cancelled) return;
      setResult({ text: formatted.text, html: null, note: formatted.note });
      if (formatted.language === "plaintext" || formatted.text.length > 200_000) return;
      const { monaco } = await import("../../Editor/monaco-setup");
      const colored = await monaco.editor.colorize(formatted.text, formatted.language, {
        tabSize: 2,
      });
      // Monaco writes spaces as &nbsp;; inside <pre> plain spaces keep the layout and copy as spaces.
      const html = colored.replace(/&nbsp;|\u00a0/g, " ");
      if (!cancelled) setResult({ text: formatted.text, html, note: formatted.note });
    })();
    return () => {
      cancelled = true;
    };
  }, [bytes, contentType]);

  if (!result) return <p className="placeholder">Formatting…</p>;
  return (
    <>
      {result.note && <p className="warning">{result.note}</p>}
      {result.html !== null ? (
        <pre
          className="pretty"
          role="region"
          aria-label="Response body"
          tabIndex={0}
          // Monaco's colorize escapes the text it tokenizes.
          dangerouslySetInnerHTML={{ __html: result.html }}
        />
      ) : (
        <TextView text={result.text} />
      )}
    </>
  );
}
