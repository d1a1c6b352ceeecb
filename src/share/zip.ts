/**
 * @module zip
 * A project as a zip of plain files (its sources, and `request.json` with
 * the request), and back. An uploaded zip is untrusted: its entries and
 * sizes are checked before anything is unpacked, and its request against
 * the share-link schema.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import * as v from "valibot";
import { fromShared, toShared, type ProjectContent } from "./project-state";
import { SharedProjectV1 } from "./share-codec";

/** The most a project zip may hold. */
export const ZIP_LIMITS = { files: 100, unpacked: 8 * 1024 * 1024 };

/** A zip that cannot be opened as a project, and why. */
export class ProjectZipError extends Error {
  override name = "ProjectZipError";
}

const REQUEST_FILE = "request.json";

/** The project as zip bytes. */
export function projectToZip(content: ProjectContent): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(content.files)) entries[path] = strToU8(text);
  const shared = toShared(content);
  entries[REQUEST_FILE] = strToU8(
    JSON.stringify({ entry: content.entry, request: shared.request ?? {} }, null, 2),
  );
  return zipSync(entries, { level: 6 });
}

/** The project in a zip; throws a {@link ProjectZipError} saying what is wrong. */
export function zipToProject(bytes: Uint8Array): ProjectContent {
  let count = 0;
  let size = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith("/")) return false;
        count += 1;
        size += file.originalSize;
        if (count > ZIP_LIMITS.files)
          throw new ProjectZipError(`The zip holds more than ${ZIP_LIMITS.files} files.`);
        if (size > ZIP_LIMITS.unpacked) {
          throw new ProjectZipError(
            `The zip unpacks to more than ${ZIP_LIMITS.unpacked / 1024 / 1024} MB.`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ProjectZipError) throw error;
    throw new ProjectZipError("The file is not a zip archive (or it is damaged).");
  }
  const files: Record<string, string> = {};
  let meta: unknown = {};
  for (const [path, data] of Object.entries(entries)) {
    if (path === REQUEST_FILE) {
      try {
        meta = JSON.parse(strFromU8(data));
      } catch {
        throw new ProjectZipError(`${REQUEST_FILE} in the zip is not valid JSON.`);
      }
    } else if (/\.(ts|tsx|js|jsx|mjs|json)$/.test(path)) {
      files[path] = strFromU8(data);
    }
  }
  if (Object.keys(files).length === 0)
    throw new ProjectZipError("The zip holds no source files (.ts or .js).");
  const result = v.safeParse(SharedProjectV1, { ...(meta as object), files });
  if (!result.success) {
    const issue = result.issues[0];
    throw new ProjectZipError(
      `The zip is not a valid project: ${issue.path?.map((p) => String(p.key)).join(".") ?? ""}: ${issue.message}.`,
    );
  }
  const shared = result.output;
  if (shared.entry !== undefined && !(shared.entry in files)) {
    throw new ProjectZipError(
      `${REQUEST_FILE} names "${shared.entry}" as the entry, but the zip has no such file.`,
    );
  }
  return fromShared(shared);
}
