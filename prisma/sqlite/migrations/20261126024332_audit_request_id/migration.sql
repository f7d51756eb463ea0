-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "requestId" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

