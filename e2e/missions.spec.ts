import { expect, test } from "@playwright/test";
import { createApiToken, createMission, missionRow, status, toast, unique } from "./support/missions";
import { personFor, signIn } from "./support/sso";

test("the seeds' story: Sally's notarization mission from creation to acceptance, on both screens", async ({ browser }) => {
  test.setTimeout(120_000);
  const sally = await personFor(browser, "sally@example.com");
  const spencer = await personFor(browser, "spencer@example.com");
  const priya = await personFor(browser, "priya@example.com");
  const headline = unique("Get this document notarized");

  // Sally creates the mission.
  const id = await createMission(sally.page, { description: `${headline}\nThe papers are on my desk.`, reward: "Dinner" });
  await expect(status(sally.page)).toHaveText("Open");
  await sally.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Missions" }).click();
  await sally.page.getByRole("link", { name: "Created" }).click();
  await expect(missionRow(sally.page, headline)).toHaveAttribute("data-unread", "false");

  // Spencer finds it, bold, under Available, opens it and asks a question.
  await spencer.page.goto("/missions?filter=available");
  await expect(missionRow(spencer.page, headline)).toHaveAttribute("data-unread", "true");
  await expect(missionRow(spencer.page, headline)).toHaveCSS("font-weight", "600");
  await missionRow(spencer.page, headline).getByRole("link").click();
  await expect(spencer.page.getByTestId("mission-reward")).toHaveText("Dinner");
  await spencer.page.getByLabel("Add a Comment").fill("Which notary do you use?");
  await spencer.page.getByRole("button", { name: "Comment" }).click();
  await expect(spencer.page.getByTestId("comment").filter({ hasText: "Which notary do you use?" })).toBeVisible();

  // Sally, on her Missions list, gets a live toast and an Inbox entry; the row turns bold.
  await expect(toast(sally.page, `Spencer Lee commented on “${headline}”`)).toBeVisible();
  // Other tests notify Sally too, so check this mission's own entry rather than the exact count.
  await expect(sally.page.getByTestId("inbox-count")).toBeVisible();
  await expect(missionRow(sally.page, headline)).toHaveAttribute("data-unread", "true");
  await sally.page.getByRole("link", { name: /^Inbox/ }).click();
  const entry = sally.page.getByTestId("inbox-entry").filter({ hasText: `Spencer Lee commented on “${headline}”` });
  await expect(entry).toHaveAttribute("data-unread", "true");
  await entry.getByRole("link").click();
  await expect(sally.page.getByTestId("comment").filter({ hasText: "Which notary do you use?" })).toBeVisible();
  await sally.page.getByRole("link", { name: /^Inbox/ }).click();
  await expect(entry).toHaveAttribute("data-unread", "false");
  await sally.page.goto(`/missions/${id}`);

  // Spencer starts it: it leaves Available for others, and Sally sees In Progress.
  await spencer.page.getByRole("button", { name: "Start" }).click();
  await expect(status(spencer.page)).toHaveText("In Progress");
  await expect(spencer.page.getByTestId("mission-taker")).toHaveText("Spencer Lee");
  await expect(status(sally.page)).toHaveText("In Progress");
  await expect(toast(sally.page, `Spencer Lee started “${headline}”`)).toBeVisible();
  await priya.page.goto("/missions?filter=available");
  await expect(missionRow(priya.page, headline)).toHaveCount(0);
  await spencer.page.goto("/missions?filter=mine");
  await expect(missionRow(spencer.page, headline)).toBeVisible();
  await missionRow(spencer.page, headline).getByRole("link").click();

  // He completes it; Sally sees Awaiting Acceptance.
  await spencer.page.getByRole("button", { name: "Complete" }).click();
  await expect(status(spencer.page)).toHaveText("Awaiting Acceptance");
  await expect(status(sally.page)).toHaveText("Awaiting Acceptance");
  await expect(spencer.page.getByRole("button", { name: "Accept" })).toHaveCount(0);

  // Sally rejects with a reason; Spencer sees Rejected (and why) and completes again.
  await sally.page.getByRole("button", { name: "Reject" }).click();
  await sally.page.getByLabel("Why are you rejecting it?").fill("The stamp is missing");
  await sally.page.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(status(sally.page)).toHaveText("Rejected");
  await expect(status(spencer.page)).toHaveText("Rejected");
  await expect(toast(spencer.page, `Sally Harper rejected “${headline}”: The stamp is missing`)).toBeVisible();
  await expect(spencer.page.getByTestId("mission-history")).toContainText("The stamp is missing");
  await spencer.page.getByRole("button", { name: "Complete" }).click();
  await expect(status(spencer.page)).toHaveText("Awaiting Acceptance");
  await expect(status(sally.page)).toHaveText("Awaiting Acceptance");

  // Sally accepts: final on both screens, with no buttons left.
  await sally.page.getByRole("button", { name: "Accept" }).click();
  await expect(status(sally.page)).toHaveText("Accepted");
  await expect(status(spencer.page)).toHaveText("Accepted");
  await expect(toast(spencer.page, `Sally Harper accepted “${headline}”`)).toBeVisible();
  for (const page of [sally.page, spencer.page]) {
    await expect(page.getByRole("form", { name: "Mission actions" })).toHaveCount(0);
  }
  await expect(sally.page.getByTestId("mission-history").getByRole("listitem")).toHaveCount(6);

  for (const p of [sally, spencer, priya]) await p.context.close();
});

test("refused: Spencer cannot accept through the API, and a bad request names the field", async ({ browser, playwright, baseURL }) => {
  const sally = await personFor(browser, "sally@example.com");
  const spencer = await personFor(browser, "spencer@example.com");
  const headline = unique("Proofread the brochure");
  const id = await createMission(sally.page, { description: headline, reward: "Coffee" });
  await spencer.page.goto(`/missions/${id}`);
  await spencer.page.getByRole("button", { name: "Start" }).click();
  await spencer.page.getByRole("button", { name: "Complete" }).click();
  await expect(status(spencer.page)).toHaveText("Awaiting Acceptance");

  const token = await createApiToken(spencer.page, "my script");
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const accept = await api.post(`/api/v1/missions/${id}/accept`);
  expect(accept.status()).toBe(403);
  expect(await accept.json()).toEqual({ error: expect.stringMatching(/owner/) });

  const mission = await api.get(`/api/v1/missions/${id}`);
  expect(await mission.json()).toMatchObject({ id, status: "awaiting_acceptance", actions: [] });
  const bad = await api.post("/api/v1/missions", { data: { description: "", reward: "x", dueAt: "tomorrow" } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).fieldErrors).toMatchObject({ description: [expect.any(String)], dueAt: [expect.any(String)] });
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/v1/missions")).status()).toBe(401);

  await sally.page.reload();
  await expect(status(sally.page)).toHaveText("Awaiting Acceptance");
  await api.dispose();
  await anonymous.dispose();
  await sally.context.close();
  await spencer.context.close();
});

test("refused: someone outside the audience cannot start, on the page or through the API", async ({ browser, playwright, baseURL }) => {
  const nora = await personFor(browser, "nora@example.com");
  const spencer = await personFor(browser, "spencer@example.com");
  const headline = unique("Review the NDA template");
  const id = await createMission(nora.page, { description: headline, reward: "Lunch", departments: ["Legal"] });

  await spencer.page.goto("/missions?filter=available");
  await expect(missionRow(spencer.page, headline)).toHaveCount(0);
  await spencer.page.goto(`/missions/${id}`);
  await expect(spencer.page.getByRole("heading", { name: headline })).toBeVisible();
  await expect(spencer.page.getByRole("button", { name: "Start" })).toHaveCount(0);

  const token = await createApiToken(spencer.page, "outsider");
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const start = await api.post(`/api/v1/missions/${id}/start`);
  expect(start.status()).toBe(403);
  expect((await start.json()).error).toMatch(/other departments/);
  await nora.page.reload();
  await expect(status(nora.page)).toHaveText("Open");
  await api.dispose();
  await nora.context.close();
  await spencer.context.close();
});

test("refused: a stale page cannot start a mission someone else has taken", async ({ browser }) => {
  const gillian = await personFor(browser, "gillian@example.com");
  const marcus = await personFor(browser, "marcus@example.com");
  const priya = await personFor(browser, "priya@example.com");
  const headline = unique("Collect the signed contract");
  const id = await createMission(gillian.page, { description: headline, reward: "Cake" });

  // Marcus's tab gets no live updates (think of a laptop that slept), so it stays as it was drawn.
  await marcus.page.route("**/api/events", (route) => route.abort());
  await marcus.page.goto(`/missions/${id}`);
  await priya.page.goto(`/missions/${id}`);
  await priya.page.getByRole("button", { name: "Start" }).click();
  await expect(status(priya.page)).toHaveText("In Progress");
  await expect(status(marcus.page)).toHaveText("Open");

  await marcus.page.getByRole("button", { name: "Start" }).click();
  await expect(marcus.page.getByRole("form", { name: "Mission actions" }).getByRole("alert")).toHaveText("Already taken by Priya Shah.");
  await marcus.page.reload();
  await expect(status(marcus.page)).toHaveText("In Progress");
  await expect(marcus.page.getByTestId("mission-taker")).toHaveText("Priya Shah");
  for (const p of [gillian, marcus, priya]) await p.context.close();
});

test("bad input is shown at the field and nothing typed is lost", async ({ page }) => {
  await signIn(page, "olivia@example.com");
  await page.goto("/missions/new");
  const headline = unique("Design the booth banner");
  await page.getByLabel("Description").fill(headline);
  await page.getByLabel("Reward").fill("   "); // passes the browser's `required`, not the server
  await page.getByLabel("Due On").fill("2020-01-01T09:00");
  await page.getByRole("button", { name: "Create Mission" }).click();
  await expect(page.locator("#reward-error")).toHaveText("Say what the reward is.");
  await expect(page.locator("#dueAt-error")).toHaveText("The due date must be in the future.");
  await expect(page.getByLabel("Description")).toHaveValue(headline);
  await expect(page.getByLabel("Reward")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Reward").fill("Pizza");
  await page.getByLabel("Due On").fill("");
  await page.getByRole("button", { name: "Create Mission" }).click();
  await expect(page).toHaveURL(/\/missions\/\d+$/);
  await expect(page.getByRole("heading", { name: headline })).toBeVisible();
});

test("files attached to a comment download as attachments, for signed-in people only", async ({ browser, playwright, baseURL }) => {
  const victor = await personFor(browser, "victor@example.com");
  const hannah = await personFor(browser, "hannah@example.com");
  const id = await createMission(victor.page, { description: unique("Check the server logs"), reward: "Coffee" });
  await hannah.page.goto(`/missions/${id}`);
  await hannah.page.getByLabel("Add a Comment").fill("Here is what I found");
  await hannah.page.getByLabel("Add Files").setInputFiles({ name: "<script>alert(1)</script>.html", mimeType: "text/html", buffer: Buffer.from("<script>alert(1)</script>") });
  await hannah.page.getByRole("button", { name: "Comment" }).click();
  const link = hannah.page.getByTestId("comment").filter({ hasText: "Here is what I found" }).getByRole("link", { name: /\.html/ });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;

  const download = await victor.page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toBe("attachment; filename=\"script>.html\"; filename*=UTF-8''script%3E.html");
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await download.text()).toBe("<script>alert(1)</script>");
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.get(href, { maxRedirects: 0 });
  expect(refused.status()).toBe(307);
  expect(refused.headers()["location"]).toMatch(/\/signin\?callbackUrl=%2Fattachments%2F/);
  const forged = await anonymous.get(href, { maxRedirects: 0, headers: { Cookie: "authjs.session-token=forged" } });
  expect(forged.status()).toBe(401);
  await anonymous.dispose();
  await victor.context.close();
  await hannah.context.close();
});
