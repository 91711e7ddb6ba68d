"use client";

import { useState } from "react";
import type { ActionState } from "../../_lib/action-state";
import { ActionForm, FieldError, FormError } from "../../_components/action-form";
import { buttonPrimary, buttonSecondary, inputClass, link } from "../../_components/ui";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function NewCommentForm({ action, maxUploadMb }: { action: Action; maxUploadMb: number }) {
  return (
    <ActionForm action={action} resetOnSuccess className="space-y-2" aria-label="New comment">
      {(state, pending) => (
        <>
          <FormError state={state} />
          <label htmlFor="comment-body" className="block text-sm font-medium">
            Add a Comment
          </label>
          <textarea id="comment-body" name="body" rows={3} required className={inputClass} />
          <FieldError state={state} name="body" />
          <div className="flex flex-wrap items-center justify-between gap-2">
            <label className={`cursor-pointer text-sm ${link}`}>
              Add Files
              <input name="attachments" type="file" multiple className="ml-2 text-sm text-slate-600 dark:text-slate-300" title={`Up to ${maxUploadMb} MB each`} />
            </label>
            <button type="submit" className={buttonPrimary} disabled={pending}>
              {pending ? "Posting…" : "Comment"}
            </button>
          </div>
          <FieldError state={state} name="attachments" />
        </>
      )}
    </ActionForm>
  );
}

/** The author's own Edit and Delete for a comment. */
export function OwnCommentControls({ body, editAction, deleteAction }: { body: string; editAction: Action; deleteAction: Action }) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <ActionForm
        action={async (state, form) => {
          const result = await editAction(state, form);
          if (result?.ok) setEditing(false);
          return result;
        }}
        className="mt-2 space-y-2"
        aria-label="Edit comment"
      >
        {(state, pending) => (
          <>
            <FormError state={state} />
            <label className="sr-only" htmlFor="edit-body">
              Comment text
            </label>
            <textarea id="edit-body" name="body" rows={3} defaultValue={body} required className={inputClass} />
            <FieldError state={state} name="body" />
            <div className="flex gap-2">
              <button type="submit" className={buttonPrimary} disabled={pending}>
                Save
              </button>
              <button type="button" className={buttonSecondary} onClick={() => setEditing(false)}>
                Back
              </button>
            </div>
          </>
        )}
      </ActionForm>
    );
  }
  return (
    <div className="mt-1 flex gap-3 text-xs">
      <button type="button" className={link} onClick={() => setEditing(true)}>
        Edit
      </button>
      <ActionForm action={deleteAction} aria-label="Delete comment">
        {(state, pending) => (
          <>
            <button
              type="submit"
              className="text-rose-600 hover:underline dark:text-rose-400"
              disabled={pending}
              onClick={(event) => {
                if (!window.confirm("Delete this comment?")) event.preventDefault();
              }}
            >
              Delete
            </button>
            <FormError state={state} />
          </>
        )}
      </ActionForm>
    </div>
  );
}
