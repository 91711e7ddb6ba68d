import Link from "next/link";
import { link } from "./_components/ui";

export default function NotFound() {
  return (
    <section className="space-y-3 py-12">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>This page does not exist, or it is not for you.</p>
      <Link href="/" className={link}>
        Back to your dashboard
      </Link>
    </section>
  );
}
