/**
 * @module html
 * `html.escape`, for putting text into HTML.
 */

/**
 * Replace `&`, `<` and `>` (and, with `quote`, both quote marks) by HTML
 * character references (`html.escape`).
 * @example escape('<a href="x">') // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escape(s: string, quote: boolean = true): string {
  let out = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (quote) out = out.replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  return out;
}
