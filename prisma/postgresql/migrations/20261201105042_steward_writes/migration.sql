-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorRole" "Role",
ADD COLUMN     "importBatchId" INTEGER,
ADD COLUMN     "via" TEXT;

-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Competency" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "ChildPopulation" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Authorship" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Evaluation" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnBy" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "actorKeyId" INTEGER NOT NULL,
    "mutation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyKey_actorKeyId_key_key" ON "IdempotencyKey"("actorKeyId", "key");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

