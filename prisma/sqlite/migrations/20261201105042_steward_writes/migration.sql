-- steward_writes (sqlite): versions, soft withdrawal, idempotency keys and the history columns of the audit log.
-- Written by hand as ALTER TABLE ... ADD COLUMN: the generated diff rebuilt each table (CREATE new_, copy, DROP),
-- which would have dropped the triggers that keep dates in order (first migration). Same end state as the diff.
ALTER TABLE "AuditEvent" ADD COLUMN "actorRole" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "importBatchId" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "via" TEXT;
ALTER TABLE "Author" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Author" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Author" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Author" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "Competency" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Competency" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Competency" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Competency" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "Board" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Board" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Board" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Board" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "ChildPopulation" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "ChildPopulation" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "ChildPopulation" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "ChildPopulation" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "Incident" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Incident" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Incident" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "Review" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Review" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Review" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Review" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "Authorship" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Authorship" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Authorship" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Authorship" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "Evaluation" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Evaluation" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Evaluation" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Evaluation" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "Finding" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Finding" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Finding" ADD COLUMN "withdrawnBy" TEXT;
ALTER TABLE "Finding" ADD COLUMN "withdrawnReason" TEXT;
CREATE TABLE "IdempotencyKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "actorKeyId" INTEGER NOT NULL,
    "mutation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "IdempotencyKey_actorKeyId_key_key" ON "IdempotencyKey"("actorKeyId", "key");
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");
