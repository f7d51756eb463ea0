-- CreateTable
CREATE TABLE "ApiKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKeyId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT,
    CONSTRAINT "AuditEvent_actorKeyId_fkey" FOREIGN KEY ("actorKeyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Author" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "background" TEXT NOT NULL,
    "independent" BOOLEAN NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "Competency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "authorId" INTEGER NOT NULL,
    "area" TEXT NOT NULL,
    "level" TEXT,
    "years" INTEGER,
    "attainedOn" TEXT NOT NULL,
    "expiresOn" TEXT,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Competency_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Region" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Board" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "dfeCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "inForceFrom" TEXT NOT NULL,
    "inForceTo" TEXT,
    CONSTRAINT "Board_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocalAuthority" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "gssCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT
);

-- CreateTable
CREATE TABLE "BoardCoverage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "localAuthorityId" INTEGER NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,
    CONSTRAINT "BoardCoverage_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BoardCoverage_localAuthorityId_fkey" FOREIGN KEY ("localAuthorityId") REFERENCES "LocalAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChildPopulation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "children" INTEGER NOT NULL,
    "approximate" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    CONSTRAINT "ChildPopulation_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "notifiedOn" TEXT NOT NULL,
    "nature" TEXT NOT NULL,
    "abuseOrNeglectSuspected" BOOLEAN NOT NULL,
    "childAgeBand" TEXT NOT NULL,
    "decision" TEXT NOT NULL DEFAULT 'PENDING',
    "decisionOn" TEXT,
    "decisionRationale" TEXT,
    "reviewId" INTEGER,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Incident_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "leadBoardId" INTEGER NOT NULL,
    "initiatedOn" TEXT NOT NULL,
    "completedOn" TEXT,
    "criteria" TEXT NOT NULL,
    "methodology" TEXT NOT NULL,
    "guidanceEdition" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Review_leadBoardId_fkey" FOREIGN KEY ("leadBoardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewAgency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reviewId" INTEGER NOT NULL,
    "agency" TEXT NOT NULL,
    "cooperated" BOOLEAN NOT NULL,
    "managementReviewSubmitted" BOOLEAN NOT NULL,
    CONSTRAINT "ReviewAgency_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Authorship" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reviewId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "Authorship_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Authorship_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reviewId" INTEGER NOT NULL,
    "inspectorate" TEXT NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "evaluatedOn" TEXT,
    "grade" TEXT,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Evaluation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reviewId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Finding_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorKeyId_idx" ON "AuditEvent"("actorKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "Author_reference_key" ON "Author"("reference");

-- CreateIndex
CREATE INDEX "Competency_area_idx" ON "Competency"("area");

-- CreateIndex
CREATE UNIQUE INDEX "Competency_authorId_area_attainedOn_key" ON "Competency"("authorId", "area", "attainedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Region_code_key" ON "Region"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Region_name_key" ON "Region"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Board_code_key" ON "Board"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Board_dfeCode_key" ON "Board"("dfeCode");

-- CreateIndex
CREATE INDEX "Board_regionId_idx" ON "Board"("regionId");

-- CreateIndex
CREATE INDEX "Board_inForceFrom_inForceTo_idx" ON "Board"("inForceFrom", "inForceTo");

-- CreateIndex
CREATE UNIQUE INDEX "LocalAuthority_gssCode_key" ON "LocalAuthority"("gssCode");

-- CreateIndex
CREATE INDEX "BoardCoverage_localAuthorityId_idx" ON "BoardCoverage"("localAuthorityId");

-- CreateIndex
CREATE UNIQUE INDEX "BoardCoverage_boardId_localAuthorityId_validFrom_key" ON "BoardCoverage"("boardId", "localAuthorityId", "validFrom");

-- CreateIndex
CREATE INDEX "ChildPopulation_year_idx" ON "ChildPopulation"("year");

-- CreateIndex
CREATE UNIQUE INDEX "ChildPopulation_boardId_year_key" ON "ChildPopulation"("boardId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_reference_key" ON "Incident"("reference");

-- CreateIndex
CREATE INDEX "Incident_boardId_idx" ON "Incident"("boardId");

-- CreateIndex
CREATE INDEX "Incident_reviewId_idx" ON "Incident"("reviewId");

-- CreateIndex
CREATE INDEX "Incident_notifiedOn_idx" ON "Incident"("notifiedOn");

-- CreateIndex
CREATE INDEX "Incident_occurredOn_idx" ON "Incident"("occurredOn");

-- CreateIndex
CREATE INDEX "Incident_decisionOn_idx" ON "Incident"("decisionOn");

-- CreateIndex
CREATE INDEX "Incident_nature_abuseOrNeglectSuspected_notifiedOn_idx" ON "Incident"("nature", "abuseOrNeglectSuspected", "notifiedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Review_reference_key" ON "Review"("reference");

-- CreateIndex
CREATE INDEX "Review_leadBoardId_idx" ON "Review"("leadBoardId");

-- CreateIndex
CREATE INDEX "Review_initiatedOn_idx" ON "Review"("initiatedOn");

-- CreateIndex
CREATE INDEX "Review_completedOn_idx" ON "Review"("completedOn");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAgency_reviewId_agency_key" ON "ReviewAgency"("reviewId", "agency");

-- CreateIndex
CREATE INDEX "Authorship_authorId_idx" ON "Authorship"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Authorship_reviewId_authorId_role_key" ON "Authorship"("reviewId", "authorId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Evaluation_reviewId_key" ON "Evaluation"("reviewId");

-- CreateIndex
CREATE INDEX "Evaluation_receivedOn_idx" ON "Evaluation"("receivedOn");

-- CreateIndex
CREATE INDEX "Evaluation_evaluatedOn_idx" ON "Evaluation"("evaluatedOn");

-- CreateIndex
CREATE INDEX "Evaluation_grade_idx" ON "Evaluation"("grade");

-- CreateIndex
CREATE INDEX "Finding_category_idx" ON "Finding"("category");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_reviewId_source_category_key" ON "Finding"("reviewId", "source", "category");


-- Hand-written: rules Prisma's schema language cannot express. SQLite cannot add CHECK constraints to an
-- existing table, so they are triggers that abort the statement.
CREATE TRIGGER "Review_completion_after_initiation_insert" BEFORE INSERT ON "Review"
WHEN NEW."completedOn" IS NOT NULL AND NEW."completedOn" < NEW."initiatedOn"
BEGIN SELECT RAISE(ABORT, 'Review.completedOn is before Review.initiatedOn'); END;
CREATE TRIGGER "Review_completion_after_initiation_update" BEFORE UPDATE ON "Review"
WHEN NEW."completedOn" IS NOT NULL AND NEW."completedOn" < NEW."initiatedOn"
BEGIN SELECT RAISE(ABORT, 'Review.completedOn is before Review.initiatedOn'); END;

CREATE TRIGGER "Incident_notified_after_occurred_insert" BEFORE INSERT ON "Incident"
WHEN NEW."notifiedOn" < NEW."occurredOn"
BEGIN SELECT RAISE(ABORT, 'Incident.notifiedOn is before Incident.occurredOn'); END;
CREATE TRIGGER "Incident_notified_after_occurred_update" BEFORE UPDATE ON "Incident"
WHEN NEW."notifiedOn" < NEW."occurredOn"
BEGIN SELECT RAISE(ABORT, 'Incident.notifiedOn is before Incident.occurredOn'); END;

CREATE TRIGGER "Evaluation_of_completed_review_insert" BEFORE INSERT ON "Evaluation"
WHEN (SELECT "completedOn" FROM "Review" WHERE "id" = NEW."reviewId") IS NULL
  OR NEW."receivedOn" < (SELECT "completedOn" FROM "Review" WHERE "id" = NEW."reviewId")
  OR (NEW."evaluatedOn" IS NOT NULL AND NEW."evaluatedOn" < NEW."receivedOn")
  OR ((NEW."evaluatedOn" IS NULL) <> (NEW."grade" IS NULL))
BEGIN SELECT RAISE(ABORT, 'Evaluation must be of a completed review, received after completion, evaluated after receipt, and graded exactly when evaluated'); END;
CREATE TRIGGER "Evaluation_of_completed_review_update" BEFORE UPDATE ON "Evaluation"
WHEN (SELECT "completedOn" FROM "Review" WHERE "id" = NEW."reviewId") IS NULL
  OR NEW."receivedOn" < (SELECT "completedOn" FROM "Review" WHERE "id" = NEW."reviewId")
  OR (NEW."evaluatedOn" IS NOT NULL AND NEW."evaluatedOn" < NEW."receivedOn")
  OR ((NEW."evaluatedOn" IS NULL) <> (NEW."grade" IS NULL))
BEGIN SELECT RAISE(ABORT, 'Evaluation must be of a completed review, received after completion, evaluated after receipt, and graded exactly when evaluated'); END;

-- The audit log is append-only.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
