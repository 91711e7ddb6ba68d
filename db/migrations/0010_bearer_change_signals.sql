-- Instances remember recent API token lookups (lib/api-tokens/bearer-cache.ts): a change that
-- could make a remembered token wrong tells them all to forget, whichever code path made it.
CREATE FUNCTION "notify_bearers_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('missions_bearers', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "api_tokens_bearers_changed" AFTER UPDATE ON "api_tokens" FOR EACH ROW
  WHEN (old.revoked_at IS DISTINCT FROM new.revoked_at OR old.kind IS DISTINCT FROM new.kind
    OR old.user_id IS DISTINCT FROM new.user_id OR old.token_hash IS DISTINCT FROM new.token_hash)
  EXECUTE FUNCTION "notify_bearers_changed"();--> statement-breakpoint
CREATE TRIGGER "api_tokens_bearers_gone" AFTER DELETE OR TRUNCATE ON "api_tokens" FOR EACH STATEMENT EXECUTE FUNCTION "notify_bearers_changed"();--> statement-breakpoint
CREATE TRIGGER "users_bearers_changed" AFTER UPDATE ON "users" FOR EACH ROW
  WHEN (old.active IS DISTINCT FROM new.active OR old.role IS DISTINCT FROM new.role
    OR old.department_id IS DISTINCT FROM new.department_id OR old.name IS DISTINCT FROM new.name
    OR old.email IS DISTINCT FROM new.email OR old.time_zone IS DISTINCT FROM new.time_zone)
  EXECUTE FUNCTION "notify_bearers_changed"();--> statement-breakpoint
CREATE TRIGGER "users_bearers_gone" AFTER DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "notify_bearers_changed"();--> statement-breakpoint
CREATE TRIGGER "departments_bearers_changed" AFTER UPDATE ON "departments" FOR EACH ROW
  WHEN (old.name IS DISTINCT FROM new.name)
  EXECUTE FUNCTION "notify_bearers_changed"();--> statement-breakpoint
CREATE TRIGGER "departments_bearers_gone" AFTER DELETE OR TRUNCATE ON "departments" FOR EACH STATEMENT EXECUTE FUNCTION "notify_bearers_changed"();
