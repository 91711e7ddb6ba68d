import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { readAuthEnv } from "@/lib/env";
import { getCompanySettings } from "@/lib/settings/company";
import { readIdentityClaims } from "./claims";
import { syncUserOnSignIn } from "./sign-in";

export const COMPANY_PROVIDER_ID = "company";

/**
 * Auth.js, configured lazily per request so that `next build` neither needs the settings nor opens
 * the database. Sessions live in the database, so deactivating a user can end them.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const env = readAuthEnv();
  const db = await getDb();
  const company: OIDCConfig<Record<string, unknown>> = {
    id: COMPANY_PROVIDER_ID,
    name: "Company SSO",
    type: "oidc",
    issuer: env.AUTH_COMPANY_ISSUER,
    clientId: env.AUTH_COMPANY_ID,
    clientSecret: env.AUTH_COMPANY_SECRET,
    authorization: { params: { scope: env.AUTH_COMPANY_SCOPE } },
    // The company IdP is the only way in and owns the email addresses, so an account it vouches
    // for joins the user row that an admin or the seed created for that email.
    allowDangerousEmailAccountLinking: true,
    profile(profile) {
      return {
        id: String(profile.sub),
        name: typeof profile.name === "string" ? profile.name : null,
        email: typeof profile.email === "string" ? profile.email.toLowerCase() : null,
        image: null,
      };
    },
  };

  return {
    adapter: DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
    secret: env.AUTH_SECRET,
    session: { strategy: "database" },
    providers: [company],
    pages: { signIn: "/signin", error: "/signin/error" },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== COMPANY_PROVIDER_ID || !profile) return false;
        // Admins may change the allowed domains in the app; the environment is the default.
        const policy = { ...env, AUTH_ALLOWED_DOMAINS: (await getCompanySettings(db)).allowedDomains };
        const result = await syncUserOnSignIn(db, readIdentityClaims(profile, env), policy);
        return result.ok ? true : `/signin/refused?reason=${result.reason}`;
      },
      // The database row carries more than the browser should see: hand out only the id and names.
      session({ session, user }) {
        return { expires: session.expires, user: { id: user.id, name: user.name, email: user.email } } as typeof session;
      },
    },
  };
});
