import { beforeEach, describe, expect, it } from "vitest";
import { defaultDraft } from "../request/draft";
import { headerRows, newRequest, replaceRequest, updateRequest, useRequest } from "./request";

describe("newRequest", () => {
  beforeEach(() => replaceRequest(defaultDraft()));

  it("starts GET / with no headers or body on the same host, and gives back what it replaced", () => {
    updateRequest({ method: "PUT", target: "/x?y=1", host: "example.test:9000", autoFollow: true });
    headerRows.add("X-Kept", "yes");
    const before = useRequest.getState();
    expect(newRequest()).toBe(before);
    const after = useRequest.getState();
    expect(after).toMatchObject({ method: "GET", target: "/", headers: [], autoFollow: false });
    expect(after.host).toBe("example.test:9000");
    expect(after.body).toMatchObject({ mode: "none", raw: "", hex: "", binaryFile: null });
  });

  it("has nothing to give back when the panel already holds a new request", () => {
    expect(newRequest()).toBeNull();
    updateRequest({ useCookieJar: false });
    expect(newRequest()).toBeNull();
    expect(useRequest.getState().useCookieJar).toBe(false);
  });
});
