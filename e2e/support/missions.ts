import { expect, type Page } from "@playwright/test";

/** A headline no other test uses, so specs can run side by side on one database. */
export function unique(text: string): string {
  return `${text} ${Math.random().toString(36).slice(2, 7)}`;
}

export async function createMission(page: Page, fields: { description: string; reward: string; departments?: string[] }): Promise<number> {
  await page.getByRole("link", { name: "Create Mission" }).first().click();
  await expect(page.getByRole("heading", { name: "Create Mission" })).toBeVisible();
  await page.getByLabel("Description").fill(fields.description);
  await page.getByLabel("Reward").fill(fields.reward);
  if (fields.departments) {
    await page.getByLabel("Chosen departments").check();
    for (const name of fields.departments) await page.getByLabel(name, { exact: true }).check();
  }
  await page.getByRole("button", { name: "Create Mission" }).click();
  await expect(page).toHaveURL(/\/missions\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

export function status(page: Page) {
  return page.getByRole("article").getByTestId("mission-status").first();
}

export function missionRow(page: Page, headline: string) {
  return page.getByTestId("mission-row").filter({ hasText: headline });
}

export function toast(page: Page, text: string) {
  return page.locator("[data-sonner-toast]").filter({ hasText: text });
}

/** Creates a personal API token on the Settings page, as a person would, and returns it. */
export async function createApiToken(page: Page, name: string): Promise<string> {
  await page.goto("/settings");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-api-token").textContent())!.trim();
  expect(token).toMatch(/^ma_/);
  return token;
}

