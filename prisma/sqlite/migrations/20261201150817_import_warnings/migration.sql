-- An import batch's warnings (rows accepted but worth a steward's look). Added columns, so the table keeps its
-- rows, indexes and triggers.
ALTER TABLE "ImportBatch" ADD COLUMN "warningCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ImportBatch" ADD COLUMN "warnings" TEXT;
