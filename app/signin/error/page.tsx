import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "../../_components/auth-card";

export const metadata: Metadata = { title: "Sign-in problem" };

// Auth.js error codes that a person can do something about; the rest are the operator's problem.
const MESSAGES: Record<string, string> = {
  AccessDenied: "Your company's sign-in refused access for this account.",
  Verification: "The sign-in link has expired or was already used. Please sign in again.",
  Configuration: "Sign-in is not configured correctly on the server. Please tell your administrator.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = MESSAGES[error ?? ""] ?? "Signing in did not work. Please try again; if it keeps failing, tell your administrator.";
  return (
    <AuthCard title="Sign-in problem">
      <p role="alert">{message}</p>
      <Link href="/signin" className="text-indigo-600 underline dark:text-indigo-400">
        Back to sign in
      </Link>
    </AuthCard>
  );
}
