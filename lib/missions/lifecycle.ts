import type { MissionStatus, Role } from "@/db/schema";

/** The labels people and scripts rely on. */
export const STATUS_LABELS: Record<MissionStatus, string> = {
  open: "Open",
  in_progress: "In Progress",
  awaiting_acceptance: "Awaiting Acceptance",
  accepted: "Accepted",
  rejected: "Rejected",
  cancelled: "Cancelled",
};

export const FINAL_STATUSES: readonly MissionStatus[] = ["accepted", "cancelled"];

export type MissionAction = "start" | "complete" | "accept" | "reject" | "withdraw" | "cancel";
export const MISSION_ACTIONS: readonly MissionAction[] = ["start", "complete", "accept", "reject", "withdraw", "cancel"];

/** Who may perform an action, judged against the mission as it is in the database at that moment. */
type Performer = "audience member but not the owner" | "taker" | "owner, owner's manager or admin" | "owner or admin";

type Transition = {
  label: string;
  from: readonly MissionStatus[];
  to: MissionStatus;
  who: Performer;
  /** Reject and Cancel must say why. */
  needsReason: boolean;
  /** Past tense for messages and history. */
  done: string;
};

/** PRODUCT.md's transition table, the single source for the server's checks and the UI's buttons. */
export const TRANSITIONS: Record<MissionAction, Transition> = {
  start: { label: "Start", from: ["open"], to: "in_progress", who: "audience member but not the owner", needsReason: false, done: "started" },
  complete: { label: "Complete", from: ["in_progress", "rejected"], to: "awaiting_acceptance", who: "taker", needsReason: false, done: "completed" },
  accept: { label: "Accept", from: ["awaiting_acceptance"], to: "accepted", who: "owner, owner's manager or admin", needsReason: false, done: "accepted" },
  reject: { label: "Reject", from: ["awaiting_acceptance"], to: "rejected", who: "owner, owner's manager or admin", needsReason: true, done: "rejected" },
  withdraw: { label: "Withdraw", from: ["in_progress", "rejected"], to: "open", who: "taker", needsReason: false, done: "withdrew from" },
  cancel: { label: "Cancel", from: ["open", "in_progress", "rejected"], to: "cancelled", who: "owner or admin", needsReason: true, done: "cancelled" },
};

export type Actor = { id: string; role: Role; departmentId: number | null };

/** What the rules need to know about a mission. */
export type MissionFacts = {
  status: MissionStatus;
  ownerId: string;
  ownerDepartmentId: number | null;
  takerId: string | null;
  audienceEveryone: boolean;
  audienceDepartmentIds: number[];
};

export function isInAudience(actor: Actor, mission: Pick<MissionFacts, "audienceEveryone" | "audienceDepartmentIds">): boolean {
  return mission.audienceEveryone || (actor.departmentId !== null && mission.audienceDepartmentIds.includes(actor.departmentId));
}

export function mayAccept(actor: Actor, mission: Pick<MissionFacts, "ownerId" | "ownerDepartmentId">): boolean {
  return (
    actor.id === mission.ownerId ||
    actor.role === "admin" ||
    (actor.role === "manager" && actor.departmentId !== null && actor.departmentId === mission.ownerDepartmentId)
  );
}

export function isPerformer(action: MissionAction, actor: Actor, mission: MissionFacts): boolean {
  switch (TRANSITIONS[action].who) {
    case "audience member but not the owner":
      return actor.id !== mission.ownerId && isInAudience(actor, mission);
    case "taker":
      return mission.takerId !== null && actor.id === mission.takerId;
    case "owner, owner's manager or admin":
      return mayAccept(actor, mission);
    case "owner or admin":
      return actor.id === mission.ownerId || actor.role === "admin";
  }
}

export function refusalFor(action: MissionAction, actor: Actor, mission: MissionFacts): string {
  switch (TRANSITIONS[action].who) {
    case "audience member but not the owner":
      return actor.id === mission.ownerId ? "You cannot start your own mission." : "This mission is for other departments; you cannot start it.";
    case "taker":
      return `Only the person who started this mission can ${TRANSITIONS[action].label.toLowerCase()} it.`;
    case "owner, owner's manager or admin":
      return `Only the mission's owner, a manager of their department or an admin can ${action} it.`;
    case "owner or admin":
      return "Only the mission's owner or an admin can cancel it.";
  }
}

/** The actions this person may take on this mission now: exactly the buttons to show. */
export function availableActions(actor: Actor, mission: MissionFacts): MissionAction[] {
  return MISSION_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(mission.status) && isPerformer(action, actor, mission));
}

export function mayEdit(actor: Actor, mission: Pick<MissionFacts, "ownerId" | "status">): boolean {
  return actor.id === mission.ownerId && mission.status === "open";
}
