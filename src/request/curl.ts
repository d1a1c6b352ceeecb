/**
 * @module curl
 * Paste a `curl` command and get a draft; copy a draft as a `curl` command
 * for `http://localhost:8000`. Shell words are split by shell-quote, not by
 * hand. Flags that read the user's disk (`@file`) cannot work in a browser
 * and are refused with the reason.
 */
import { parse } from "shell-quote";
import { formEncode } from "./body";
import { defaultDraft, newPart, newRow, type RequestDraft } from "./draft";
import { RequestError } from "./validate";

const VALUE_FLAGS = new Set([
  "-X",
  "--request",
  "-H",
  "--header",
  "-d",
  "--data",
  "--data-raw",
  "--data-ascii",
  "--data-binary",
  "--data-urlencode",
  "-F",
  "--form",
  "--form-string",
  "-b",
  "--cookie",
  "-A",
  "--user-agent",
  "-e",
  "--referer",
  "-u",
  "--user",
  "--url",
]);
const IGNORED_VALUE_FLAGS = new Set([
  "-o",
  "--output",
  "-m",
  "--max-time",
  "--connect-timeout",
  "-w",
  "--write-out",
  "--retry",
]);

function words(command: string): string[] {
  const joined = command.replace(/\\\r?\n/g, " ");
  return parse(joined).map((token) => {
    if (typeof token === "string") return token;
    if ("op" in token && token.op === "glob") return token.pattern;
    throw new RequestError(
      "curl",
      "the command contains shell operators (|, ;, &&, >); paste a single curl command.",
    );
  });
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function refuseFile(flag: string, value: string): void {
  if (value.startsWith("@")) {
    throw new RequestError(
      "curl",
      `${flag} ${value} reads a file from your disk, which a web page cannot do. Use the Body tab's file picker instead.`,
    );
  }
}

/** A draft from a curl command line. */
export function importCurl(command: string): RequestDraft {
  const args = words(command.trim());
  if (args[0] !== "curl") throw new RequestError("curl", 'the command must start with "curl".');
  const draft = defaultDraft();
  const data: string[] = [];
  let method: string | null = null;
  let url: string | null = null;
  let get = false;
  let head = false;
  for (let i = 1; i < args.length; i++) {
    let flag = args[i]!;
    let value: string | undefined;
    const eq = flag.startsWith("--") ? flag.indexOf("=") : -1;
    if (eq > 0 && VALUE_FLAGS.has(flag.slice(0, eq))) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    } else if (/^-[A-Za-z]./.test(flag) && VALUE_FLAGS.has(flag.slice(0, 2))) {
      value = flag.slice(2);
      flag = flag.slice(0, 2);
    }
    if (VALUE_FLAGS.has(flag) && value === undefined) {
      value = args[++i];
      if (value === undefined) throw new RequestError("curl", `${flag} needs a value.`);
    }
    switch (flag) {
      case "-X":
      case "--request":
        method = value!;
        break;
      case "-H":
      case "--header": {
        const colon = value!.indexOf(":");
        // curl: "Name;" sends an empty header; "Name:" with nothing after it sends none.
        if (/^[^:;\s]+;$/.test(value!)) {
          draft.headers.push(newRow(value!.slice(0, -1), ""));
          break;
        }
        if (colon <= 0) throw new RequestError("curl", `-H "${value}" is not "Name: value".`);
        const headerValue = value!.slice(colon + 1).trim();
        if (headerValue) draft.headers.push(newRow(value!.slice(0, colon).trim(), headerValue));
        break;
      }
      case "-d":
      case "--data":
      case "--data-ascii":
      case "--data-binary":
        refuseFile(flag, value!);
        data.push(flag === "--data-binary" ? value! : value!.replace(/[\r\n]/g, ""));
        break;
      case "--data-raw":
        data.push(value!);
        break;
      case "--data-urlencode": {
        if (/^[^=]*@/.test(value!)) refuseFile(flag, "@" + value!.split("@")[1]);
        const eqAt = value!.indexOf("=");
        data.push(
          eqAt === -1
            ? formEncode(value!)
            : `${value!.slice(0, eqAt)}=${formEncode(value!.slice(eqAt + 1))}`,
        );
        break;
      }
      case "-F":
      case "--form":
      case "--form-string": {
        const eqAt = value!.indexOf("=");
        if (eqAt <= 0) throw new RequestError("curl", `${flag} "${value}" is not "name=value".`);
        const fieldValue = value!.slice(eqAt + 1);
        if (flag !== "--form-string" && /^[@<]/.test(fieldValue)) {
          throw new RequestError(
            "curl",
            `${flag} ${value} uploads a file from your disk, which a web page cannot read. Add the field in the Body tab (multipart) and choose the file there.`,
          );
        }
        if (draft.body.mode !== "multipart") draft.body.parts = [];
        draft.body.mode = "multipart";
        draft.body.parts.push(newPart("text", value!.slice(0, eqAt), fieldValue));
        break;
      }
      case "-b":
      case "--cookie":
        if (!value!.includes("=")) refuseFile(flag, "@" + value);
        draft.headers.push(newRow("Cookie", value!));
        break;
      case "-A":
      case "--user-agent":
        draft.headers.push(newRow("User-Agent", value!));
        break;
      case "-e":
      case "--referer":
        draft.headers.push(newRow("Referer", value!));
        break;
      case "-u":
      case "--user":
        draft.headers.push(newRow("Authorization", `Basic ${base64(value!)}`));
        break;
      case "--url":
        url = value!;
        break;
      case "-G":
      case "--get":
        get = true;
        break;
      case "-I":
      case "--head":
        head = true;
        break;
      default:
        if (IGNORED_VALUE_FLAGS.has(flag)) i++;
        else if (flag.startsWith("-"))
          continue; // -s, -v, -L, -i, --compressed…: no effect on the request
        else url = flag;
    }
  }
  if (!url) throw new RequestError("curl", "no URL in the command.");
  const parsed = /^(?:https?:\/\/)?([^/?#]*)([^#]*)/i.exec(url)!;
  draft.host = parsed[1] || draft.host;
  draft.target = parsed[2] || "/";
  if (data.length > 0) {
    if (get) {
      draft.target += (draft.target.includes("?") ? "&" : "?") + data.join("&");
    } else {
      draft.body.mode = "raw";
      draft.body.raw = data.join("&");
      draft.body.rawType = "application/x-www-form-urlencoded";
      const typed = draft.headers.find((h) => h.name.toLowerCase() === "content-type");
      if (typed) {
        draft.body.rawType = typed.value;
        draft.headers = draft.headers.filter((h) => h !== typed);
      }
    }
  }
  draft.method = method ?? (head ? "HEAD" : draft.body.mode !== "none" ? "POST" : "GET");
  return draft;
}

/** The curl command that sends this request to `http://localhost:8000` (or the draft's host). */
export function exportCurl(
  draft: RequestDraft,
  body: Uint8Array,
  contentType: string | null,
): string {
  const args = ["curl"];
  const hasBody = draft.body.mode !== "none";
  const impliedMethod = hasBody ? "POST" : "GET";
  if (draft.method !== impliedMethod) args.push("-X", draft.method);
  args.push(`http://${draft.host}${draft.target}`);
  for (const row of draft.headers)
    if (row.enabled && row.name)
      args.push("-H", row.value.trim() ? `${row.name}: ${row.value}` : `${row.name};`);
  const userType = draft.headers.some((h) => h.enabled && h.name.toLowerCase() === "content-type");
  if (draft.body.mode === "multipart") {
    for (const part of draft.body.parts) {
      if (!part.enabled || !part.name) continue;
      args.push(
        "-F",
        part.kind === "file"
          ? `${part.name}=@${part.file?.name ?? "file"}`
          : `${part.name}=${part.value}`,
      );
    }
  } else if (hasBody) {
    if (contentType && !userType) args.push("-H", `Content-Type: ${contentType}`);
    if (draft.body.mode === "binary") args.push("--data-binary", "@body.bin");
    else args.push("--data-raw", new TextDecoder().decode(body));
  }
  return args.map(shellWord).join(" ");
}

/** One shell word: bare when it is plainly safe, else in single quotes (' written as '\''). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@,+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
