"use client";

import { useActionState, useEffect, useRef, useTransition, type ReactNode } from "react";
import type { ActionState } from "../_lib/action-state";

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  children: (state: ActionState, pending: boolean) => ReactNode;
  className?: string;
  /** Clear the form after a successful submit (e.g. a new comment). */
  resetOnSuccess?: boolean;
  "aria-label"?: string;
};

/**
 * A form bound to a server action that keeps everything typed (and chosen files) when the server
 * refuses: React resets `<form action>` forms after every submit, so this submits by hand.
 */
export function ActionForm({ action, children, className, resetOnSuccess, ...rest }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && resetOnSuccess) form.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      ref={form}
      className={className}
      aria-label={rest["aria-label"]}
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      {children(state, pending)}
    </form>
  );
}

export function FormError({ state }: { state: ActionState }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-950 dark:text-rose-200">
      {state.error}
    </p>
  );
}

export function FieldError({ state, name }: { state: ActionState; name: string }) {
  const messages = state && !state.ok ? state.fieldErrors[name] : undefined;
  if (!messages?.length) return null;
  return (
    <p id={`${name}-error`} className="mt-1 text-sm text-rose-600 dark:text-rose-300">
      {messages.join(" ")}
    </p>
  );
}

export function invalid(state: ActionState, name: string) {
  const has = !!(state && !state.ok && state.fieldErrors[name]?.length);
  return has ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
}
