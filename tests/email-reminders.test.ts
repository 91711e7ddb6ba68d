import type { AddressInfo } from "node:net";
import { eq, isNull } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";
import { evaluateQueuedActivity } from "@/lib/achievements/queue";
import { emailNotifications } from "@/lib/email/mailer";
import { sendPendingEmails } from "@/lib/email/outbox";
import { addComment } from "@/lib/missions/comments";
import { createMission, transitionMission } from "@/lib/missions/commands";
import { sendDueReminders } from "@/lib/missions/reminders";
import { updatePreferences } from "@/lib/users/preferences";
import { createCompany, type Company } from "./support/company";
import { createTestDatabase } from "./support/database";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let smtp: SMTPServer;
let port: number;
let database: Database;
let c: Company;

/** Enough MIME decoding to read a quoted-printable body. */
function decode(raw: string): string {
  const joined = raw.replace(/=\r\n/g, "");
  const bytes = joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("latin1")));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw: decode(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  port = (smtp.server.address() as AddressInfo).port;
  database = await createTestDatabase();
  c = await createCompany(database.db, "mail-");
});
afterAll(async () => {
  await database.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const send = () =>
  sendPendingEmails(database.db, nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }), { from: "missions@example.com", appUrl: "https://missions.example.com" });

describe("email notifications", () => {
  it("mails each notification once to those who want that kind, with a link back", async () => {
    const db = database.db;
    await updatePreferences(db, c.owner.id, { timeZone: null, email: { comment: false, status_change: true, achievement: false, reminder: true } });
    const { id } = await createMission(db, c.owner, { description: "Get this document notarized", reward: "Dinner", dueAt: null, audience: "everyone", parentId: null });
    await addComment(db, c.taker, id, "Which notary?"); // owner: comment (opted out)
    await transitionMission(db, c.taker, id, "start"); // owner: status change
    await addComment(db, c.owner, id, "The one on Main Street."); // taker: comment
    await evaluateQueuedActivity(db); // taker: Go-Getter (what the worker does right after each commit)
    received.length = 0;

    const sent = await send();
    expect(sent).toBe(received.length);
    const summary = received.map((m) => `${m.to.join(",")}: ${/Spencer Taker started|The one on Main Street|Go-Getter|Which notary|First Mission/.exec(m.raw)?.[0]}`).sort();
    // The owner opted out of comment and achievement emails; the taker gets everything.
    expect(summary).toEqual(["mail-owner@example.com: Spencer Taker started", "mail-taker@example.com: Go-Getter", "mail-taker@example.com: The one on Main Street"]);
    const ownerMail = received.find((m) => m.to[0] === "mail-owner@example.com")!;
    expect(ownerMail.raw).toContain("Spencer Taker started “Get this document notarized”.");
    expect(ownerMail.raw).toContain(`https://missions.example.com/missions/${id}`);
    expect(ownerMail.raw).toContain("Hello Sally Owner");
    expect(received.every((m) => m.from === "missions@example.com")).toBe(true);

    expect(await send()).toBe(0);
    expect(await database.db.$count(notifications, eq(notifications.userId, c.owner.id))).toBeGreaterThan(1);
  });
});

describe("due-date reminders", () => {
  it("tells the taker a day before and the owner once overdue, each once", async () => {
    const db = database.db;
    const due = new Date(Date.now() + 20 * 3_600_000);
    const { id } = await createMission(db, c.owner, { description: "Renew the parking permits", reward: "Coffee", dueAt: due, audience: "everyone", parentId: null });
    const later = await createMission(db, c.owner, { description: "Plan the summer party", reward: "Cake", dueAt: new Date(Date.now() + 72 * 3_600_000), audience: "everyone", parentId: null });
    await transitionMission(db, c.taker, id, "start");
    await transitionMission(db, c.taker, later.id, "start");
    const reminders = async (userId: string) =>
      (await db.select({ message: notifications.message }).from(notifications).where(eq(notifications.userId, userId))).map((n) => n.message).filter((m) => m.startsWith("⏰") || m.startsWith("⚠️"));

    await sendDueReminders(db);
    await sendDueReminders(db);
    expect(await reminders(c.taker.id)).toEqual(["⏰ “Renew the parking permits” is due within a day."]);
    expect(await reminders(c.owner.id)).toEqual([]);

    const afterDue = new Date(due.getTime() + 3_600_000);
    await sendDueReminders(db, afterDue);
    await sendDueReminders(db, afterDue);
    expect(await reminders(c.owner.id)).toEqual(["⚠️ “Renew the parking permits” is overdue."]);
    expect(await reminders(c.taker.id)).toHaveLength(1);
  });
});

describe("without SMTP", () => {
  it("the app runs on: the job sends nothing, says once that email is off, and leaves the outbox alone", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const db = database.db;
      const { id } = await createMission(db, c.owner, { description: "Quiet mission", reward: "Tea", dueAt: null, audience: "everyone", parentId: null });
      await addComment(db, c.taker, id, "Hello?");
      expect(await emailNotifications(db)).toBe(0);
      expect(await emailNotifications(db)).toBe(0);
      expect(log.mock.calls.filter((call) => String(call[0]).includes("Email notifications are off: SMTP_URL is not set."))).toHaveLength(1);
      const pending = await db.$count(notifications, isNull(notifications.emailedAt));
      expect(pending).toBeGreaterThan(0);
    } finally {
      log.mockRestore();
      if (saved !== undefined) process.env.SMTP_URL = saved;
    }
  });
});
