import { sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";

export type OutgoingMail = { to: string; subject: string; text: string };

const SUBJECTS: Record<string, string> = {
  comment: "New comment",
  status_change: "Mission update",
  achievement: "Achievement",
  reminder: "Reminder",
};

/**
 * Emails notifications written since the last pass, honouring each person's preferences. The
 * notifications table is the outbox: rows are claimed with SKIP LOCKED (several instances may run
 * this) and marked whether sent or skipped, so each is emailed at most once. Only recent ones: a
 * mailer switched on later does not send a backlog.
 */
export async function sendPendingEmails(db: Db, transport: Transporter, { from, appUrl, batch = 100 }: { from: string; appUrl: string; batch?: number }): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const rows = rowsOf(
        await tx.execute(sql`
          select n.id, n.kind, n.message, n.mission_id, u.email, coalesce(u.name, u.email) as name,
            coalesce((u.email_preferences->>n.kind)::boolean, true) and u.active as wanted
          from notifications n join users u on u.id = n.user_id
          where n.emailed_at is null and n.created_at > now() - interval '1 day'
          order by n.id limit ${batch} for update of n skip locked`),
      );
      if (rows.length === 0) return null;
      const mails: (OutgoingMail & { id: number })[] = rows
        .filter((r) => r.wanted === true)
        .map((r) => {
          const link = r.mission_id ? `${appUrl}/missions/${r.mission_id}` : r.kind === "achievement" ? `${appUrl}/achievements` : `${appUrl}/inbox`;
          return {
            id: Number(r.id),
            to: String(r.email),
            subject: `${SUBJECTS[String(r.kind)] ?? "Notification"}: ${String(r.message).slice(0, 120)}`,
            text: `Hello ${r.name},\n\n${r.message}\n\n${link}\n\nYou can choose which emails you get in Settings: ${appUrl}/settings`,
          };
        });
      for (const mail of mails) await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      const ids = rows.map((r) => Number(r.id));
      await tx.execute(sql`update notifications set emailed_at = now() where id in ${ids}`);
      return mails;
    });
    // Nothing left to claim (or the rest is being sent by another instance).
    if (claimed === null) return sent;
    sent += claimed.length;
  }
}
