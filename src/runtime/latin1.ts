/**
 * @module latin1
 * `str.encode('latin-1')`: every character below 256 becomes that byte;
 * anything else raises UnicodeEncodeError with CPython's message (positions
 * in code points, a run of unencodable characters reported as one range).
 */
import { UnicodeEncodeError } from "./errors";

function escaped(codePoint: number): string {
  return codePoint > 0xffff
    ? `\\U${codePoint.toString(16).padStart(8, "0")}`
    : `\\u${codePoint.toString(16).padStart(4, "0")}`;
}

/** Encode `text` as latin-1, or throw UnicodeEncodeError as CPython does. */
export function encodeLatin1(text: string): Uint8Array {
  const codePoints = Array.from(text, (c) => c.codePointAt(0)!);
  const start = codePoints.findIndex((c) => c > 0xff);
  if (start !== -1) {
    let end = start;
    while (end + 1 < codePoints.length && codePoints[end + 1]! > 0xff) end++;
    throw new UnicodeEncodeError(
      end === start
        ? `'latin-1' codec can't encode character '${escaped(codePoints[start]!)}' in position ${start}: ordinal not in range(256)`
        : `'latin-1' codec can't encode characters in position ${start}-${end}: ordinal not in range(256)`,
    );
  }
  return Uint8Array.from(codePoints);
}
