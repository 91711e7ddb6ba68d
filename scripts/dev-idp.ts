/**
 * The local company SSO for development and tests: a real OpenID Provider (panva's oidc-provider)
 * whose directory is the demo company. Its login page asks only for an email (no passwords: the
 * demo directory has none); any address signs in at the provider, and the app decides whom to let
 * in, exactly as with a real IdP. Never used in production.
 */
import http from "node:http";
import Provider, { interactionPolicy, type Configuration } from "oidc-provider";
import { findDemoPerson } from "@/lib/demo-directory";

export type DevIdpOptions = {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
};

export function devIdpOptionsFromEnv(env = process.env): DevIdpOptions {
  const appUrls = (env.DEV_IDP_APP_URLS ?? "http://localhost:3000").split(",").map((u) => u.trim().replace(/\/$/, ""));
  return {
    port: Number(env.DEV_IDP_PORT ?? 3001),
    clientId: env.AUTH_COMPANY_ID ?? "missions-dev",
    clientSecret: env.AUTH_COMPANY_SECRET ?? "missions-dev-secret",
    redirectUris: appUrls.map((url) => `${url}/api/auth/callback/company`),
  };
}

function claimsFor(email: string) {
  const person = findDemoPerson(email);
  return {
    sub: email,
    email,
    email_verified: true,
    name: person?.name ?? email.split("@")[0],
    ...(person ? { department: person.department, groups: person.groups } : {}),
  };
}

// Ask for an email on every authorization, so switching between demo users needs no IdP sign-out.
function alwaysAskForEmail() {
  const policy = interactionPolicy.base();
  policy
    .get("login")!
    .checks.add(
      new interactionPolicy.Check("dev_every_time", "the development provider asks every time", (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid: string, email = "", error = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Company SSO (development)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#f1f5f9;margin:0}main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.75rem;box-shadow:0 1px 3px #0002}
label{display:block;font-weight:600;margin-bottom:.25rem}input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}button{margin-top:1rem;width:100%;padding:.6rem;font-size:1rem;background:#1e293b;color:#fff;border:0;border-radius:.375rem}
.error{color:#b91c1c}.hint{color:#64748b;font-size:.85rem}</style></head>
<body><main><h1>Company SSO</h1><p class="hint">Development sign-in: enter the email of a demo user, e.g. sally@example.com.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(email)}">
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

export async function startDevIdp(options: DevIdpOptions): Promise<{ issuer: string; close(): Promise<void> }> {
  const issuer = `http://localhost:${options.port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "department", "groups"] },
    // Auth.js reads the profile from the id_token, so put the claims there.
    conformIdTokenClaims: false,
    cookies: { keys: ["development-only-cookie-key"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy: alwaysAskForEmail() },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsFor(id) }),
    // First-party client: grant what it asks for, with no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope([...(ctx.oidc.requestParamScopes ?? [])].join(" "));
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const providerHandler = provider.callback();

  const server = http.createServer(async (req, res) => {
    const match = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? "");
    if (!match) return providerHandler(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "POST" && match[2]) {
        const email = (await readForm(req)).get("email")?.trim().toLowerCase() ?? "";
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
          res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
          return res.end(loginPage(details.uid, email, "Enter a valid email address."));
        }
        return await provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(loginPage(details.uid));
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end(`This sign-in attempt has expired; start again from the app. (${error instanceof Error ? error.message : error})`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "localhost", () => resolve());
  });
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  if (process.env.NODE_ENV === "production") {
    console.error("The development OpenID Provider does not run with NODE_ENV=production.");
    process.exit(1);
  }
  const options = devIdpOptionsFromEnv();
  startDevIdp(options).then(
    ({ issuer }) => console.log(`Development OpenID Provider at ${issuer} (client ${options.clientId})`),
    (error: unknown) => {
      console.error(`The development OpenID Provider could not start: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
