-- audit_log_cannot_be_rewritten: SQL that Prisma's models cannot express (postgresql).
-- TRUNCATE fires no row trigger: a statement-level one refuses it, also when it comes as a cascade from "ApiKey".
-- (Only the table's owner could disable these triggers; the server runs as a role that owns nothing: README.)
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_append_only"();
