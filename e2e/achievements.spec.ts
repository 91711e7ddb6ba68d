import { expect, test } from "@playwright/test";
import { createMission, status, toast, unique } from "./support/missions";
import { personFor } from "./support/sso";

test("a first accepted mission: the taker gets a toast at once and the badge on My Achievements", async ({ browser }) => {
  const ethan = await personFor(browser, "ethan@example.com");
  const hannah = await personFor(browser, "hannah@example.com");
  const id = await createMission(ethan.page, { description: unique("File the trademark renewal"), reward: "Lunch" });
  await hannah.page.goto(`/missions/${id}`);
  await hannah.page.getByRole("button", { name: "Start" }).click();
  await hannah.page.getByRole("button", { name: "Complete" }).click();
  await expect(status(hannah.page)).toHaveText("Awaiting Acceptance");
  await hannah.page.getByRole("link", { name: "Leaderboard" }).click();

  await ethan.page.reload();
  await ethan.page.getByRole("button", { name: "Accept" }).click();
  await expect(status(ethan.page)).toHaveText("Accepted");

  await expect(toast(hannah.page, "You earned “Mission Accomplished”!")).toBeVisible();
  await hannah.page.getByRole("link", { name: "Achievements", exact: true }).click();
  await expect(hannah.page.getByRole("heading", { name: "My Achievements" })).toBeVisible();
  await expect(hannah.page.getByTestId("earned-badge").filter({ hasText: "Mission Accomplished" })).toContainText("Earned");
  await expect(hannah.page.getByTestId("available-badge").filter({ hasText: "Dependable" }).getByTestId("badge-progress")).toHaveText("1 / 10 missions accepted");
  await ethan.context.close();
  await hannah.context.close();
});

test("an admin creates a custom achievement; people who already qualify get one grouped notification", async ({ browser }) => {
  const raquel = await personFor(browser, "raquel@example.com");
  const alex = await personFor(browser, "alex@example.com");
  const name = unique("Chatterbox");

  await alex.page.getByLabel("User menu").click();
  await alex.page.getByRole("link", { name: "Administration" }).click();
  await alex.page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Achievements" }).click();
  await alex.page.getByLabel("Name", { exact: true }).fill(name);
  await alex.page.getByLabel("Description").fill("Join a mission's conversation.");
  await alex.page.getByLabel("Event type").fill("comment.posted");
  await alex.page.getByLabel("Threshold").fill("1");
  await alex.page.getByLabel("Unit (for progress)").fill("comments");
  await alex.page.getByRole("button", { name: "Preview" }).click();
  await expect(alex.page.getByTestId("custom-achievement-status")).toHaveText(/^Would be granted to \d+ people now\.$/);
  await alex.page.getByRole("button", { name: "Create achievement" }).click();
  await expect(alex.page.getByTestId("custom-achievement-status")).toContainText("Created and switched on");
  await expect(alex.page.getByTestId("admin-achievement").filter({ hasText: name })).toBeVisible();
  await expect(alex.page.getByTestId("backfill-status")).toContainText("done");

  // Raquel commented before the achievement existed (demo data): one grouped message, live.
  await expect(toast(raquel.page, `You have already earned “${name}”`)).toBeVisible();
  await raquel.page.getByRole("link", { name: /^Inbox/ }).click();
  await expect(raquel.page.getByTestId("inbox-entry").filter({ hasText: `You have already earned “${name}”` })).toHaveCount(1);
  await raquel.page.getByRole("link", { name: "Achievements", exact: true }).click();
  await expect(raquel.page.getByTestId("earned-badge").filter({ hasText: name })).toBeVisible();
  await raquel.context.close();
  await alex.context.close();
});

test("members cannot reach the admin page; integrations post activity with their own token", async ({ browser, playwright, baseURL }) => {
  const spencer = await personFor(browser, "spencer@example.com");
  const response = await spencer.page.goto("/admin/achievements");
  expect(response?.status()).toBe(404);

  const alex = await personFor(browser, "alex@example.com");
  await alex.page.goto("/admin/achievements");
  const tokens = alex.page.getByRole("form", { name: "New API token" });
  await tokens.getByLabel("Token name").fill("Help desk");
  await tokens.getByRole("button", { name: "Create token" }).click();
  const token = (await alex.page.getByTestId("new-api-token").textContent())!.trim();

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const event = { type: "case.resolved", actor: "spencer@example.com", occurredAt: new Date().toISOString(), externalId: unique("ticket"), attributes: { channel: "chat" } };
  const first = await api.post("/api/v1/activities", { data: { events: [event] } });
  expect(await first.json()).toEqual({ received: 1, recorded: 1, duplicates: 0 });
  expect(await (await api.post("/api/v1/activities", { data: event })).json()).toEqual({ received: 1, recorded: 0, duplicates: 1 });
  const bad = await api.post("/api/v1/activities", { data: { events: [event, { ...event, externalId: "x", actor: "ghost@example.com" }] } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).problems).toEqual([{ index: 1, field: "actor", message: "no user has the email ghost@example.com" }]);
  expect((await api.get("/api/v1/missions")).status()).toBe(403);

  await expect(toast(spencer.page, "You earned “First Case”!")).toBeVisible();
  await api.dispose();
  await spencer.context.close();
  await alex.context.close();
});
