import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { getCompanySettings } from "@/lib/settings/company";
import { NotFoundError } from "@/lib/errors";
import { STATUS_LABELS } from "@/lib/missions/lifecycle";
import { getMission, type AttachmentInfo } from "@/lib/missions/queries";
import { openMission } from "@/lib/missions/reads";
import { RefreshOnce } from "../../_components/refresh-once";
import { buttonSecondary, card, link, StatusBadge } from "../../_components/ui";
import { idFrom } from "../../_lib/action-state";
import { formatBytes, formatDateTime, timeZoneOf } from "../../_lib/format";
import { commentAction, deleteCommentAction, editCommentAction, transitionAction } from "../actions";
import { NewCommentForm, OwnCommentControls } from "./comments";
import { MissionActions } from "./mission-actions";

type Props = { params: Promise<{ id: string }> };

/** Cached per request: the title and the page read the same mission once. */
const loadMission = cache(async (rawId: string) => {
  const user = await requireUser();
  const id = idFrom(rawId);
  if (!id) notFound();
  const db = await getDb();
  try {
    return { user, db, mission: await getMission(db, user, id) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

async function load(props: Props) {
  return loadMission((await props.params).id);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { mission } = await load(props);
  return { title: mission.headline };
}

function Files({ files }: { files: AttachmentInfo[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm" aria-label="Attachments">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/attachments/${f.id}`} className={link} download>
            📎 {f.filename}
          </a>{" "}
          <span className="text-slate-500">({formatBytes(f.size)})</span>
        </li>
      ))}
    </ul>
  );
}

export default async function MissionPage(props: Props) {
  const { user, db, mission } = await load(props);
  const notificationsRead = await openMission(db, user.id, mission.id);
  const timeZone = await timeZoneOf(user);
  const at = (date: Date) => formatDateTime(date, timeZone);

  return (
    <article className="space-y-6">
      {notificationsRead > 0 && <RefreshOnce />}
      <header className="space-y-2">
        <p className="text-sm text-slate-500">
          <Link href="/missions" className={link}>
            Missions
          </Link>{" "}
          / #{mission.id}
        </p>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold">{mission.headline}</h1>
          <StatusBadge status={mission.status} />
        </div>
      </header>

      <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
        <div className="space-y-6">
          <section className={card} aria-label="Details">
            <p className="whitespace-pre-wrap">{mission.description}</p>
            <Files files={mission.attachments} />
          </section>

          <section className="space-y-3" aria-label="Actions">
            <MissionActions action={transitionAction.bind(null, mission.id)} actions={mission.actions} />
            <div className="flex flex-wrap gap-2">
              {mission.canEdit && (
                <Link href={`/missions/${mission.id}/edit`} className={buttonSecondary}>
                  Edit
                </Link>
              )}
              {mission.canAskForHelp && (
                <Link href={`/missions/new?parent=${mission.id}`} className={buttonSecondary}>
                  I need help with this mission
                </Link>
              )}
            </div>
          </section>

          <section aria-labelledby="comments-heading" className="space-y-4">
            <h2 id="comments-heading" className="text-lg font-semibold">
              Comments ({mission.comments.length})
            </h2>
            {mission.comments.length === 0 && <p className="text-sm text-slate-500">No comments yet. Ask a question or offer help.</p>}
            <ol className="space-y-3">
              {mission.comments.map((c) => (
                <li key={c.id} className={card} data-testid="comment">
                  <p className="text-sm">
                    <span className="font-medium">{c.authorName}</span> <span className="text-slate-500">· {at(c.createdAt)}</span>
                    {c.editedAt && <span className="text-slate-500"> · edited</span>}
                  </p>
                  <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
                  <Files files={c.attachments} />
                  {c.mine && <OwnCommentControls body={c.body} editAction={editCommentAction.bind(null, c.id)} deleteAction={deleteCommentAction.bind(null, c.id)} />}
                </li>
              ))}
            </ol>
            <NewCommentForm action={commentAction.bind(null, mission.id)} maxUploadMb={(await getCompanySettings(await getDb())).attachmentMaxMb} />
          </section>
        </div>

        <aside className="space-y-6">
          <dl className={`${card} grid grid-cols-[6rem_1fr] gap-y-2 text-sm`}>
            <dt className="text-slate-500">Reward</dt>
            <dd data-testid="mission-reward" className="font-medium">
              {mission.reward}
            </dd>
            <dt className="text-slate-500">Status</dt>
            <dd>{STATUS_LABELS[mission.status]}</dd>
            <dt className="text-slate-500">Owner</dt>
            <dd data-testid="mission-owner">
              {mission.owner.name}
              {mission.owner.departmentName && <span className="text-slate-500"> · {mission.owner.departmentName}</span>}
            </dd>
            <dt className="text-slate-500">Taker</dt>
            <dd data-testid="mission-taker">{mission.taker?.name ?? "Nobody yet"}</dd>
            <dt className="text-slate-500">Due on</dt>
            <dd>
              {mission.dueAt ? at(mission.dueAt) : "No due date"}
              {mission.overdue && <span className="ml-1.5 rounded bg-rose-100 px-1.5 text-xs text-rose-700 dark:bg-rose-900 dark:text-rose-200">Overdue</span>}
            </dd>
            <dt className="text-slate-500">For</dt>
            <dd>{mission.audience === "everyone" ? "Everyone" : mission.audience.map((d) => d.name).join(", ")}</dd>
            {mission.parent && (
              <>
                <dt className="text-slate-500">Helps with</dt>
                <dd>
                  <Link href={`/missions/${mission.parent.id}`} className={link}>
                    {mission.parent.headline}
                  </Link>
                </dd>
              </>
            )}
          </dl>

          {mission.subMissions.length > 0 && (
            <section className={card}>
              <h2 className="mb-2 text-sm font-semibold">Sub-missions</h2>
              <ul className="space-y-1 text-sm">
                {mission.subMissions.map((s) => (
                  <li key={s.id} className="flex items-center justify-between gap-2">
                    <Link href={`/missions/${s.id}`} className={link}>
                      {s.headline}
                    </Link>
                    <StatusBadge status={s.status} />
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className={card} aria-labelledby="history-heading">
            <h2 id="history-heading" className="mb-2 text-sm font-semibold">
              History
            </h2>
            <ol className="space-y-2 text-sm" data-testid="mission-history">
              {mission.history.map((h) => (
                <li key={h.id}>
                  <span className="font-medium">{h.actorName}</span>{" "}
                  {h.fromStatus ? `${STATUS_LABELS[h.fromStatus]} → ${STATUS_LABELS[h.toStatus]}` : "created it"}
                  <span className="block text-xs text-slate-500">{at(h.at)}</span>
                  {h.note && <span className="block text-xs italic">“{h.note}”</span>}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </article>
  );
}
