-- audit_log_cannot_be_rewritten: SQL that Prisma's models cannot express (sqlite).
-- INSERT OR REPLACE and REPLACE INTO settle a clash of ids by deleting the old row, and SQLite fires no DELETE
-- trigger for that (unless recursive_triggers is on): so an insert whose id is taken is refused before it runs.
-- (UPDATE OR REPLACE is already refused by "AuditEvent_no_update"; the table has no other unique key.)
CREATE TRIGGER "AuditEvent_no_replace" BEFORE INSERT ON "AuditEvent"
WHEN EXISTS (SELECT 1 FROM "AuditEvent" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
