-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "warningCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "warnings" TEXT;
