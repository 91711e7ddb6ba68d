import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { getCompanySettings } from "@/lib/settings/company";
import { listDepartments, listPossibleParents } from "@/lib/missions/queries";
import { timeZoneOf } from "../../_lib/format";
import { createMissionAction } from "../actions";
import { MissionForm } from "../mission-form";

export const metadata: Metadata = { title: "Create Mission" };

export default async function NewMissionPage({ searchParams }: { searchParams: Promise<{ parent?: string }> }) {
  const user = await requireUser();
  const db = await getDb();
  const [departments, parents] = await Promise.all([listDepartments(db), listPossibleParents(db, user)]);
  const wanted = Number((await searchParams).parent);
  const parentId = parents.some((p) => p.id === wanted) ? wanted : null;
  return (
    <section className="max-w-2xl space-y-5">
      <h1 className="text-2xl font-semibold">{parentId ? "Ask for help with your mission" : "Create Mission"}</h1>
      <MissionForm
        action={createMissionAction}
        values={{ description: "", reward: "", dueAt: "", audience: "everyone", parentId }}
        departments={departments}
        parents={parents}
        timeZone={await timeZoneOf(user)}
        maxUploadMb={(await getCompanySettings(await getDb())).attachmentMaxMb}
        submitLabel="Create Mission"
      />
    </section>
  );
}
