import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "../../_components/auth-card";

export const metadata: Metadata = { title: "Sign-in refused" };

const REASONS: Record<string, { title: string; message: string }> = {
  domain: {
    title: "This email cannot sign in",
    message: "Only accounts with your company's email addresses may use Missions & Achievements. Sign in with your work account.",
  },
  inactive: {
    title: "Your account is deactivated",
    message: "An administrator has deactivated your account. Ask them to reactivate it if you still need access.",
  },
  "no-email": {
    title: "No email address received",
    message: "Your company's sign-in did not share an email address, so we cannot tell who you are. Ask your administrator to release the email claim.",
  },
};

export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const { title, message } = REASONS[reason ?? ""] ?? { title: "Sign-in refused", message: "You cannot sign in with this account." };
  return (
    <AuthCard title={title}>
      <p role="alert">{message}</p>
      <Link href="/signin" className="text-indigo-600 underline dark:text-indigo-400">
        Back to sign in
      </Link>
    </AuthCard>
  );
}
