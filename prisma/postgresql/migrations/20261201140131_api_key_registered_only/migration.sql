-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "registeredOnly" BOOLEAN NOT NULL DEFAULT false;

