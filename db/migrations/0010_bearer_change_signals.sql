-- Instances remember recent API token lookups (lib/api-tokens/bearer-cache.ts): any change that
-- could make a remembered token wrong tells them all to forget, whichever code path made it.
CREATE FUNCTION "notify_bearers_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('missions_bearers', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "api_tokens_bearers_changed" AFTER UPDATE OF "revoked_at", "kind", "user_id", "token_hash" OR DELETE ON "api_tokens"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_bearers_changed"();--> statement-breakpoint
CREATE TRIGGER "users_bearers_changed" AFTER UPDATE OF "active", "role", "department_id", "name", "email", "time_zone" OR DELETE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_bearers_changed"();--> statement-breakpoint
CREATE TRIGGER "departments_bearers_changed" AFTER UPDATE OF "name" OR DELETE ON "departments"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_bearers_changed"();
