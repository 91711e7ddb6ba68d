import { expect, type Browser, type Page } from "@playwright/test";

/** The path through the company SSO, as a person takes it: app → "Company SSO" → IdP's Email + Sign in. */
export async function signInThroughSso(page: Page, email: string) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Sign in with Company SSO" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signIn(page: Page, email: string) {
  await signInThroughSso(page, email);
  await expect(page.getByTestId("current-user-name")).toBeVisible();
}

/** A signed-in person in a browser context of their own. */
export async function personFor(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

export async function signOut(page: Page) {
  await page.getByLabel("User menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}
