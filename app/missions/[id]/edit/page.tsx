import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { getCompanySettings } from "@/lib/settings/company";
import { NotFoundError } from "@/lib/errors";
import { getMission, listDepartments } from "@/lib/missions/queries";
import { link } from "../../../_components/ui";
import { idFrom } from "../../../_lib/action-state";
import { timeZoneOf, toDateTimeLocal } from "../../../_lib/format";
import { updateMissionAction } from "../../actions";
import { MissionForm } from "../../mission-form";

export const metadata: Metadata = { title: "Edit mission" };

export default async function EditMissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = idFrom((await params).id);
  if (!id) notFound();
  const db = await getDb();
  const mission = await getMission(db, user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const timeZone = await timeZoneOf(user);
  if (!mission.canEdit) {
    return (
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">This mission cannot be edited</h1>
        <p role="alert">Only its owner can edit a mission, and only while it is Open.</p>
        <Link href={`/missions/${id}`} className={link}>
          Back to the mission
        </Link>
      </section>
    );
  }
  return (
    <section className="max-w-2xl space-y-5">
      <h1 className="text-2xl font-semibold">Edit mission</h1>
      <MissionForm
        action={updateMissionAction.bind(null, id)}
        values={{
          description: mission.description,
          reward: mission.reward,
          dueAt: mission.dueAt ? toDateTimeLocal(mission.dueAt, timeZone) : "",
          audience: mission.audience === "everyone" ? "everyone" : mission.audience.map((d) => d.id),
          parentId: mission.parent?.id ?? null,
        }}
        departments={await listDepartments(db)}
        timeZone={timeZone}
        maxUploadMb={(await getCompanySettings(await getDb())).attachmentMaxMb}
        submitLabel="Save changes"
      />
    </section>
  );
}
