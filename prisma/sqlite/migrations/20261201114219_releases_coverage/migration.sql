-- CreateTable
CREATE TABLE "SourceCoverage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "completeFrom" TEXT NOT NULL,
    "completeTo" TEXT NOT NULL,
    "note" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Release" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "publishedOn" TEXT NOT NULL,
    "source" TEXT,
    "seed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ReleaseFigure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "ReleaseFigure_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SourceCoverage_source_key" ON "SourceCoverage"("source");

-- CreateIndex
CREATE UNIQUE INDEX "Release_name_key" ON "Release"("name");

-- CreateIndex
CREATE INDEX "ReleaseFigure_releaseId_id_idx" ON "ReleaseFigure"("releaseId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseFigure_releaseId_level_unitCode_periodFrom_periodTo_metric_key" ON "ReleaseFigure"("releaseId", "level", "unitCode", "periodFrom", "periodTo", "metric");

