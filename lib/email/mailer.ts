import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { readAppEnv } from "@/lib/env";
import { sendPendingEmails } from "./outbox";

const store = globalThis as typeof globalThis & { __missionsMailer?: Transporter | null };

/** The SMTP transport from SMTP_URL, or null (email off, said once in the log). Cached per process. */
function mailer(): Transporter | null {
  if (store.__missionsMailer !== undefined) return store.__missionsMailer;
  const { SMTP_URL } = readAppEnv();
  if (!SMTP_URL) console.log("Email notifications are off: SMTP_URL is not set.");
  store.__missionsMailer = SMTP_URL ? nodemailer.createTransport(SMTP_URL) : null;
  return store.__missionsMailer;
}

/** The periodic job: email what was notified since the last pass, if email is configured. */
export async function emailNotifications(db: Db): Promise<number> {
  const transport = mailer();
  if (!transport) return 0;
  const appUrl = (process.env.AUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  return sendPendingEmails(db, transport, { from: readAppEnv().EMAIL_FROM, appUrl });
}
