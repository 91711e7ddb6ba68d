import { expect, test } from "@playwright/test";
import { personFor, signIn, signInThroughSso, signOut } from "./support/sso";

test("two people signed in side by side each see their own name and department", async ({ browser }) => {
  const sally = await personFor(browser, "sally@example.com");
  const spencer = await personFor(browser, "spencer@example.com");

  await expect(sally.page.getByTestId("current-user-name")).toHaveText("Sally Harper");
  await expect(sally.page.getByTestId("current-user-department")).toHaveText("Sales");
  await expect(spencer.page.getByTestId("current-user-name")).toHaveText("Spencer Lee");
  await expect(spencer.page.getByTestId("current-user-department")).toHaveText("Customer Support");

  await sally.page.reload();
  await expect(sally.page.getByTestId("current-user-name")).toHaveText("Sally Harper");
  await sally.context.close();
  await spencer.context.close();
});

test("an email outside the company's domains is refused with a clear page", async ({ page }) => {
  await signInThroughSso(page, "mallory@gmail.com");
  await expect(page.getByRole("heading", { name: "This email cannot sign in" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("a deactivated user is refused", async ({ page }) => {
  await signInThroughSso(page, "frank@example.com");
  await expect(page.getByRole("heading", { name: "Your account is deactivated" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("signing out ends the session, even for a copy of the old cookie", async ({ page, browser }) => {
  await signIn(page, "raquel@example.com");
  const cookiesWhileSignedIn = await page.context().cookies();

  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);

  const replay = await browser.newContext();
  await replay.addCookies(cookiesWhileSignedIn);
  const replayPage = await replay.newPage();
  await replayPage.goto("/");
  await expect(replayPage).toHaveURL(/\/signin/);
  await replay.close();
});

test("a protected page without a session goes to sign-in and comes back after it", async ({ page }) => {
  await page.goto("/?from=link");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F%3Ffrom%3Dlink/);
  await page.getByRole("button", { name: "Sign in with Company SSO" }).click();
  await page.getByLabel("Email").fill("gillian@example.com");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/\?from=link$/);
  await expect(page.getByTestId("current-user-name")).toHaveText("Gillian Ward");
});

test("a forged session cookie gets past the proxy but not the page", async ({ browser }) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: "authjs.session-token", value: "forged", domain: "localhost", path: "/" }]);
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId("current-user-name")).toHaveCount(0);
  await context.close();
});
