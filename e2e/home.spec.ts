import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createMission, status, unique } from "./support/missions";
import { personFor, signIn } from "./support/sso";

test("the Quick-Start Tour is offered on first sign-in, remembered, and available from View Tour", async ({ page }) => {
  await signIn(page, "marcus@example.com");
  const offer = page.getByRole("complementary", { name: "Quick-Start Tour" });
  await expect(offer).toBeVisible();
  const remembered = page.waitForResponse((r) => r.url().endsWith("/api/tour") && r.status() === 204);
  await offer.getByRole("button", { name: "Take the tour" }).click();
  await expect(offer).toHaveCount(0);
  await remembered;
  const popover = page.locator(".driver-popover");
  await expect(popover.getByText("Create a mission")).toBeVisible();
  for (const title of ["Find missions to take", "All missions", "Your inbox", "My Achievements", "That's it!"]) {
    await popover.getByRole("button", { name: "Next" }).click();
    await expect(popover.getByText(title, { exact: true })).toBeVisible();
  }
  await popover.getByRole("button", { name: "Done" }).click();
  await expect(popover).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await expect(offer).toHaveCount(0);

  await page.getByLabel("User menu").click();
  await page.getByRole("link", { name: "View Tour" }).click();
  await expect(popover.getByText("Create a mission")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(popover).toHaveCount(0);
});

test("declining the tour is remembered", async ({ page }) => {
  await signIn(page, "diana@example.com");
  const remembered = page.waitForResponse((r) => r.url().endsWith("/api/tour") && r.status() === 204);
  await page.getByRole("button", { name: "No thanks" }).click();
  await expect(page.getByRole("complementary", { name: "Quick-Start Tour" })).toHaveCount(0);
  await remembered;
  await page.reload();
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Quick-Start Tour" })).toHaveCount(0);
});

test("the home dashboard shows work in progress, decisions waiting and what is available", async ({ browser }) => {
  const sally = await personFor(browser, "sally@example.com");
  const spencer = await personFor(browser, "spencer@example.com");
  const gillian = await personFor(browser, "gillian@example.com");
  const headline = unique("Update the price list");
  const id = await createMission(sally.page, { description: headline, reward: "Coffee" });

  await spencer.page.goto("/");
  await expect(spencer.page.getByRole("region", { name: "Available for you" }).getByRole("link", { name: headline })).toBeVisible();
  await spencer.page.goto(`/missions/${id}`);
  await spencer.page.getByRole("button", { name: "Start" }).click();
  await expect(status(spencer.page)).toHaveText("In Progress");
  await spencer.page.goto("/");
  await expect(spencer.page.getByRole("region", { name: "Your missions in progress" }).getByRole("link", { name: headline })).toBeVisible();
  await expect(spencer.page.getByTestId("level-card")).toContainText("points");
  await expect(spencer.page.getByRole("region", { name: "This week's leaderboard" }).getByRole("listitem").first()).toContainText("1.");

  await spencer.page.goto(`/missions/${id}`);
  await spencer.page.getByRole("button", { name: "Complete" }).click();
  await expect(status(spencer.page)).toHaveText("Awaiting Acceptance");
  // Gillian manages Sally's department, so the decision is hers too.
  await gillian.page.goto("/");
  await expect(gillian.page.getByRole("region", { name: "Awaiting your acceptance" }).getByRole("link", { name: headline })).toBeVisible();
  for (const p of [sally, spencer, gillian]) await p.context.close();
});

test("administration is for admins: others get 404, admins manage users and settings", async ({ browser }) => {
  const member = await personFor(browser, "ethan@example.com");
  for (const path of ["/admin/users", "/admin/settings", "/admin/departments", "/admin/achievements"]) {
    expect((await member.page.goto(path))?.status(), path).toBe(404);
  }
  const alex = await personFor(browser, "alex@example.com");
  await alex.page.getByLabel("User menu").click();
  await alex.page.getByRole("link", { name: "Administration" }).click();
  await expect(alex.page.getByRole("heading", { name: "Users" })).toBeVisible();
  await alex.page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Company settings" }).click();
  const zone = await alex.page.getByLabel("Company time zone").inputValue();
  await alex.page.getByLabel("Company time zone").fill("Mars/Olympus");
  await alex.page.getByRole("button", { name: "Save settings" }).click();
  await expect(alex.page.locator("#timeZone-error")).toHaveText("Choose a time zone such as Europe/Berlin.");
  await alex.page.getByLabel("Company time zone").fill(zone);
  await alex.page.getByRole("button", { name: "Save settings" }).click();
  await expect(alex.page.getByText("Company settings saved.")).toBeVisible();
  await member.context.close();
  await alex.context.close();
});

async function expectAccessible(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), path).toEqual([]);
}

test("the main pages have no serious or critical accessibility violations (axe)", async ({ browser }) => {
  test.setTimeout(90_000);
  const alex = await personFor(browser, "alex@example.com");
  for (const path of ["/", "/missions", "/missions?filter=available", "/missions/1", "/missions/new", "/inbox", "/achievements", "/leaderboard", "/settings", "/admin/users", "/admin/achievements"]) {
    await expectAccessible(alex.page, path);
  }
  await alex.context.close();
  const signedOut = await browser.newContext();
  await expectAccessible(await signedOut.newPage(), "/signin");
  await signedOut.close();
});
