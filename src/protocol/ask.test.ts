/** Asking over a MessageChannel: the reply on the port, or a time-out that names who did not answer. */
import { describe, expect, it } from "vitest";
import { ask, NoAnswerError } from "./ask";

describe("ask", () => {
  it("resolves with what comes back on the reply port", async () => {
    const echo = {
      postMessage(message: unknown, transfer: Transferable[]) {
        const port = transfer.at(-1) as MessagePort;
        port.postMessage({ got: message });
      },
    };
    await expect(ask(echo, "hello", 1000, "The echo")).resolves.toEqual({ got: "hello" });
  });

  it("names the side that did not answer", async () => {
    const silent = { postMessage() {} };
    const answer = ask(silent, "hello", 20, "The playground page");
    await expect(answer).rejects.toBeInstanceOf(NoAnswerError);
    await expect(answer).rejects.toThrow("The playground page did not answer within 0.02 s");
  });
});
