-- CreateEnum
CREATE TYPE "CoverageSource" AS ENUM ('INCIDENT_NOTIFICATIONS', 'REVIEW_DECISIONS', 'EVALUATIONS', 'POPULATIONS');

-- CreateTable
CREATE TABLE "SourceCoverage" (
    "id" SERIAL NOT NULL,
    "source" "CoverageSource" NOT NULL,
    "completeFrom" TEXT NOT NULL,
    "completeTo" TEXT NOT NULL,
    "note" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" TEXT NOT NULL,

    CONSTRAINT "SourceCoverage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "publishedOn" TEXT NOT NULL,
    "source" TEXT,
    "seed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseFigure" (
    "id" SERIAL NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "periodFrom" TEXT NOT NULL,
    "periodTo" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" TEXT,
    "status" TEXT NOT NULL,
    "numerator" INTEGER,
    "denominator" INTEGER,
    "label" TEXT,
    "citation" TEXT,

    CONSTRAINT "ReleaseFigure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SourceCoverage_source_key" ON "SourceCoverage"("source");

-- CreateIndex
CREATE UNIQUE INDEX "Release_name_key" ON "Release"("name");

-- CreateIndex
CREATE INDEX "ReleaseFigure_releaseId_id_idx" ON "ReleaseFigure"("releaseId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseFigure_releaseId_level_unitCode_periodFrom_periodTo__key" ON "ReleaseFigure"("releaseId", "level", "unitCode", "periodFrom", "periodTo", "metric");

-- AddForeignKey
ALTER TABLE "ReleaseFigure" ADD CONSTRAINT "ReleaseFigure_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

