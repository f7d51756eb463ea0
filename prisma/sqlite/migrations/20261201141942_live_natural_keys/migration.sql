-- DropIndex
DROP INDEX "Finding_reviewId_source_category_key";

-- CreateIndex
CREATE INDEX "Finding_reviewId_source_category_idx" ON "Finding"("reviewId", "source", "category");


-- Written by hand (Prisma's models cannot state a partial index): a natural key is unique among current
-- records only, so a withdrawn evaluation or finding leaves its key free for a new record. The indexes keep
-- their names, so a clash is still reported on the same constraint.
DROP INDEX "Evaluation_reviewId_key";
CREATE UNIQUE INDEX "Evaluation_reviewId_key" ON "Evaluation"("reviewId") WHERE "withdrawnAt" IS NULL;
CREATE UNIQUE INDEX "Finding_reviewId_source_category_key" ON "Finding"("reviewId", "source", "category") WHERE "withdrawnAt" IS NULL;
