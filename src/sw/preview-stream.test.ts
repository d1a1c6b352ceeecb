/**
 * A preview response sent as the app makes it: the frame can read each
 * chunk before the next exists, the record finishes it, and a record that
 * contradicts the head breaks it as a dropped connection would.
 */
import { describe, expect, it } from "vitest";
import { responseRecord } from "../wsgi/test-support/response-record";
import { previewHead } from "./convert";
import { PreviewStream } from "./preview-stream";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);

function streamFor(status = "200 OK") {
  const head = previewHead(
    status,
    [
      ["Content-Type", "text/html"],
      ["Set-Cookie", "a=1"],
    ],
    "GET",
  );
  return new PreviewStream(status, head!);
}

describe("a streamed preview response", () => {
  it("has the head at once and each chunk before the next is pushed", async () => {
    const stream = streamFor();
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/html");
    expect(stream.response.headers.get("set-cookie")).toBeNull();
    const reader = stream.response.body!.getReader();
    stream.push(bytes("<p>1</p>"));
    expect(text((await reader.read()).value)).toBe("<p>1</p>");
    stream.push(bytes("<p>2</p>"));
    expect(text((await reader.read()).value)).toBe("<p>2</p>");
  });

  it("ends with what the record has past the bytes pushed", async () => {
    const stream = streamFor();
    stream.push(bytes("one "));
    const record = responseRecord("200 OK", [], "one two three");
    stream.end(record);
    expect(await stream.response.text()).toBe("one two three");
    // The rest was copied: the record's buffer may be handed on (transferred) afterwards.
    expect(record.body.length).toBe(13);
  });

  it("breaks when the record is not the response it began (stopped at the time limit)", async () => {
    const stream = streamFor();
    stream.push(bytes("partial"));
    stream.end({
      ...responseRecord("504 Gateway Timeout", [], "stopped"),
      stopped: { afterMs: 5000 },
    });
    await expect(stream.response.text()).rejects.toThrow();
  });

  it("breaks when the request fails, and ignores what comes after", async () => {
    const stream = streamFor();
    stream.fail("The app runner did not answer.");
    stream.push(bytes("late"));
    stream.end(responseRecord("200 OK", [], "late"));
    await expect(stream.response.text()).rejects.toThrow();
  });
});

describe("a preview head", () => {
  it("is refused for a status a browser cannot show, and has no body for HEAD or 304", () => {
    expect(previewHead("999 Odd", [], "GET")).toBeNull();
    expect(previewHead("", [], "GET")).toBeNull();
    expect(previewHead("304 Not Modified", [], "GET")!.noBody).toBe(true);
    expect(previewHead("200 OK", [], "HEAD")!.noBody).toBe(true);
    expect(previewHead("200 OK", [], "GET")!.noBody).toBe(false);
  });
});
