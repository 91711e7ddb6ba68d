import { describe, expect, it } from "vitest";
import { jsonBody } from "@/app/api/v1/_lib/api-route";

/** A POST as the HTTP/1.1 server hands it over: a body always comes with its length or chunked encoding. */
const post = (body?: string | ReadableStream) => {
  const framing = body === undefined ? {} : typeof body === "string" ? { "content-length": String(Buffer.byteLength(body)) } : { "transfer-encoding": "chunked" };
  return new Request("http://localhost/api/v1/missions/1/start", { method: "POST", body, headers: framing, ...(typeof body === "object" ? { duplex: "half" } : {}) } as RequestInit);
};

describe("API request bodies", () => {
  it("a request without a body is an empty object, without reading one", async () => {
    const request = post();
    expect(await jsonBody(request)).toEqual({});
    expect(request.bodyUsed).toBe(false);
  });

  it("a JSON body is parsed, sent with a length or in chunks; blank is empty; malformed is a 400 that says so", async () => {
    expect(await jsonBody(post('{"note":"Busy this week"}'))).toEqual({ note: "Busy this week" });
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"note":'));
        controller.enqueue(new TextEncoder().encode('"in two parts"}'));
        controller.close();
      },
    });
    expect(await jsonBody(post(chunked))).toEqual({ note: "in two parts" });
    expect(await jsonBody(post("  "))).toEqual({});
    await expect(jsonBody(post("{note:"))).rejects.toMatchObject({ status: 400, message: "The request body is not valid JSON." });
  });
});
