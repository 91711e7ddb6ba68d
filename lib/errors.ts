/**
 * What the domain says when it refuses. Actions turn these into `{ error, fieldErrors }`, the API into
 * HTTP statuses; nothing else is ever shown to people.
 */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 413 | 422,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = "Not found.") {
    super(message, 404);
  }
}

/** 409: the request was fine when the page was drawn, but the thing has changed since. */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class ValidationError extends DomainError {
  constructor(fieldErrors: FieldErrors, message = "Please correct the highlighted fields.") {
    super(message, 422, fieldErrors);
  }
}
