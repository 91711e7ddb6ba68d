"use client";

import { driver, type DriveStep } from "driver.js";
import "driver.js/dist/driver.css";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { buttonPrimary, buttonSecondary } from "./ui";

/** Steps over the real interface: each points at an element that is on the home page. */
const STEPS: DriveStep[] = [
  { element: "#tour-create", popover: { title: "Create a mission", description: "Challenge your co-workers: describe what you need and the reward you offer." } },
  {
    element: "#tour-available",
    popover: { title: "Find missions to take", description: "Missions you can take on are listed here and under Missions → Available. Open one and press Start." },
  },
  { element: "#tour-missions", popover: { title: "All missions", description: "Filter by Created, Available and My Missions; unread ones are in bold." } },
  { element: "#tour-inbox", popover: { title: "Your inbox", description: "Comments, status changes and badges arrive here, and as a small toast while you work." } },
  { element: "#tour-achievements", popover: { title: "My Achievements", description: "Badges come by themselves from your work. See what you earned and what is next." } },
  { element: "#tour-user-menu", popover: { title: "That's it!", description: "Take this tour again any time from your menu: View Tour." } },
];

/** Tells the server the person has answered the tour (idempotent); a lost request only means it is offered again. */
function rememberTour() {
  fetch("/api/tour", { method: "POST", keepalive: true }).catch(() => {});
}

const noSubscription = () => () => {};

/** The Quick-Start Tour (driver.js): offered on first sign-in, and started by `?tour=1` (View Tour). */
export function QuickStartTour({ offer }: { offer: boolean }) {
  const router = useRouter();
  const params = useSearchParams();
  const [answered, setAnswered] = useState(false);
  // The offer shows once the page can act on it: a click before hydration would be lost.
  const interactive = useSyncExternalStore(noSubscription, () => true, () => false);
  const start = useCallback(() => {
    const tour = driver({
      showProgress: true,
      allowClose: true,
      nextBtnText: "Next",
      prevBtnText: "Back",
      doneBtnText: "Done",
      steps: STEPS,
      onDestroyed: () => {
        rememberTour(); // also when it was started from View Tour without ever being offered
        if (params.get("tour") === "1") router.replace("/");
      },
    });
    tour.drive();
  }, [params, router]);

  useEffect(() => {
    if (params.get("tour") === "1") start();
  }, [params, start]);

  // Taking the tour or declining it answers the offer: remembered at once, from the click itself
  // (not from the tour's end, which a closed tab would never reach), and the offer goes away.
  const answer = (takeTour: boolean) => {
    setAnswered(true);
    rememberTour();
    if (takeTour) start();
  };

  if (!offer || answered || !interactive || params.get("tour") === "1") return null;
  return (
    <aside aria-label="Quick-Start Tour" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 dark:border-indigo-900 dark:bg-indigo-950">
      <p className="text-sm">New here? A one-minute tour shows how missions and achievements work.</p>
      <div className="flex gap-2">
        <button type="button" className={buttonPrimary} onClick={() => answer(true)}>
          Take the tour
        </button>
        <button type="button" className={buttonSecondary} onClick={() => answer(false)}>
          No thanks
        </button>
      </div>
    </aside>
  );
}
