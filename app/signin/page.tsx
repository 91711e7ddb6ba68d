import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { COMPANY_PROVIDER_ID, signIn } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { AuthCard, primaryButton } from "../_components/auth-card";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths: a crafted callbackUrl must not send people to another site. */
function safeCallbackUrl(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);

  async function signInWithCompany() {
    "use server";
    await signIn(COMPANY_PROVIDER_ID, { redirectTo: callbackUrl });
  }

  return (
    <AuthCard title="Sign in">
      <p>Use your company account to challenge co-workers and collect your achievements.</p>
      <form action={signInWithCompany}>
        <button type="submit" className={primaryButton}>
          Sign in with Company SSO
        </button>
      </form>
    </AuthCard>
  );
}
