/**
 * @module hurl-language
 * Monaco's colours for `checks.hurl` (Hurl's format): request and response
 * lines, sections, headers, queries, predicates, strings, templates and
 * comments. A Monarch tokenizer: the parser (src/checks) says what is wrong.
 */
import type * as Monaco from "monaco-editor/editor";

/** The language's id in Monaco. */
export const HURL = "hurl";

/** Register the language with this Monaco. */
export function registerHurl(monaco: typeof Monaco): void {
  monaco.languages.register({ id: HURL, extensions: [".hurl"], aliases: ["Hurl"] });
  monaco.languages.setLanguageConfiguration(HURL, {
    comments: { lineComment: "#" },
    brackets: [
      ["{", "}"],
      ["[", "]"],
    ],
    autoClosingPairs: [
      { open: "{", close: "}" },
      { open: "[", close: "]" },
      { open: '"', close: '"' },
    ],
  });
  monaco.languages.setMonarchTokensProvider(HURL, {
    tokenizer: {
      root: [
        [/#.*$/, "comment"],
        [/^\s*HTTP(\/[\d.*]+)?\s+(\d{3}|\*)/, "type"],
        [/^\s*[A-Z]+(?=\s+\S)/, "keyword"],
        [/^\s*\[[A-Za-z]+\]/, "tag"],
        [/```/, { token: "string", next: "@raw" }],
        [/"/, { token: "string", next: "@string" }],
        [/\{\{[^}]*\}\}/, "variable"],
        [/\b(status|header|cookie|body|jsonpath|regex|bytes|duration)\b/, "keyword"],
        [/==|!=|>=|<=|>|</, "operator"],
        [/\b(contains|startsWith|endsWith|matches|exists|not)\b/, "operator"],
        [/\b(true|false|null)\b/, "keyword"],
        [/^\s*[A-Za-z0-9_.-]+(?=\s*:)/, "attribute.name"],
        [/-?\d+(\.\d+)?/, "number"],
      ],
      string: [
        [/[^"\\{]+/, "string"],
        [/\{\{[^}]*\}\}/, "variable"],
        [/\\./, "string.escape"],
        [/"/, { token: "string", next: "@pop" }],
        [/./, "string"],
      ],
      raw: [
        [/```/, { token: "string", next: "@pop" }],
        [/[^`]+/, "string"],
        [/`/, "string"],
      ],
    },
  });
}
