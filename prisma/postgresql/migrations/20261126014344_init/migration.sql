-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'STEWARD', 'ANALYST', 'PARTNER');

-- CreateEnum
CREATE TYPE "AuthorBackground" AS ENUM ('SOCIAL_WORK', 'HEALTH', 'POLICE', 'EDUCATION', 'LEGAL', 'PROBATION', 'ACADEMIC', 'OTHER');

-- CreateEnum
CREATE TYPE "CompetencyArea" AS ENUM ('REVIEW_METHODOLOGY', 'CHILD_PROTECTION_PRACTICE', 'MULTI_AGENCY_WORKING', 'CHAIRING', 'REPORT_WRITING');

-- CreateEnum
CREATE TYPE "CompetencyLevel" AS ENUM ('TRAINED', 'ACCREDITED');

-- CreateEnum
CREATE TYPE "LocalAuthorityType" AS ENUM ('COUNTY', 'UNITARY', 'METROPOLITAN_DISTRICT', 'LONDON_BOROUGH', 'SUI_GENERIS');

-- CreateEnum
CREATE TYPE "IncidentNature" AS ENUM ('DEATH', 'SERIOUS_HARM', 'NOT_KNOWN');

-- CreateEnum
CREATE TYPE "ChildAgeBand" AS ENUM ('UNDER_1', 'AGE_1_TO_4', 'AGE_5_TO_9', 'AGE_10_TO_15', 'AGE_16_TO_17');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('SCR_INITIATED', 'CASE_FILE_AUDIT', 'OTHER_REVIEW', 'NO_REVIEW', 'PENDING');

-- CreateEnum
CREATE TYPE "ReviewCriteria" AS ENUM ('DEATH_ABUSE_NEGLECT', 'LIFE_THREATENING_INJURY', 'SERIOUS_SEXUAL_ABUSE', 'PARENT_MURDERED', 'KILLED_BY_PARENT_MENTAL_ILLNESS', 'INTERAGENCY_CONCERN');

-- CreateEnum
CREATE TYPE "ReviewMethodology" AS ENUM ('IMR_OVERVIEW', 'SCIE_LEARNING_TOGETHER', 'SILP', 'OTHER');

-- CreateEnum
CREATE TYPE "GuidanceEdition" AS ENUM ('WT1999', 'WT2006', 'WT2010');

-- CreateEnum
CREATE TYPE "AgencyType" AS ENUM ('CHILDRENS_SOCIAL_CARE', 'POLICE', 'HEALTH_TRUST', 'PRIMARY_CARE_TRUST', 'GP', 'EDUCATION', 'PROBATION', 'YOUTH_OFFENDING', 'CAFCASS', 'ADULT_MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'HOUSING', 'ADULT_SOCIAL_CARE', 'OTHER');

-- CreateEnum
CREATE TYPE "AuthorshipRole" AS ENUM ('PANEL_CHAIR', 'OVERVIEW_AUTHOR');

-- CreateEnum
CREATE TYPE "Inspectorate" AS ENUM ('CSCI', 'OFSTED');

-- CreateEnum
CREATE TYPE "EvaluationGrade" AS ENUM ('OUTSTANDING', 'GOOD', 'ADEQUATE', 'INADEQUATE');

-- CreateEnum
CREATE TYPE "FindingSource" AS ENUM ('EVALUATION', 'REVIEW');

-- CreateEnum
CREATE TYPE "FindingCategory" AS ENUM ('INSUFFICIENT_CHILD_FOCUS', 'INSUFFICIENT_CHALLENGE_OF_PRACTICE', 'INFORMATION_GAPS', 'PARTNER_NON_COOPERATION', 'INSUFFICIENT_INDEPENDENCE', 'DELAY', 'WEAK_RISK_ASSESSMENT', 'ETHNIC_CULTURAL_ISSUES_MISSED', 'FOCUS_ON_GOOD_PRACTICE', 'ENSURE_NECESSARY_ACTION', 'USE_ALL_INFORMATION', 'EFFECTIVE_ASSESSMENT', 'MULTI_AGENCY_WORKING', 'CHALLENGE_SUPERVISION_SCRUTINY', 'PARENTAL_SUBSTANCE_MISUSE', 'PARENTAL_MENTAL_HEALTH', 'DOMESTIC_ABUSE');

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKeyId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Author" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "background" "AuthorBackground" NOT NULL,
    "independent" BOOLEAN NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Author_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Competency" (
    "id" SERIAL NOT NULL,
    "authorId" INTEGER NOT NULL,
    "area" "CompetencyArea" NOT NULL,
    "level" "CompetencyLevel",
    "years" INTEGER,
    "attainedOn" TEXT NOT NULL,
    "expiresOn" TEXT,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Competency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Board" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "dfeCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "inForceFrom" TEXT NOT NULL,
    "inForceTo" TEXT,

    CONSTRAINT "Board_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalAuthority" (
    "id" SERIAL NOT NULL,
    "gssCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "LocalAuthorityType" NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,

    CONSTRAINT "LocalAuthority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardCoverage" (
    "id" SERIAL NOT NULL,
    "boardId" INTEGER NOT NULL,
    "localAuthorityId" INTEGER NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,

    CONSTRAINT "BoardCoverage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChildPopulation" (
    "id" SERIAL NOT NULL,
    "boardId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "children" INTEGER NOT NULL,
    "approximate" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,

    CONSTRAINT "ChildPopulation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "notifiedOn" TEXT NOT NULL,
    "nature" "IncidentNature" NOT NULL,
    "abuseOrNeglectSuspected" BOOLEAN NOT NULL,
    "childAgeBand" "ChildAgeBand" NOT NULL,
    "decision" "ReviewDecision" NOT NULL DEFAULT 'PENDING',
    "decisionOn" TEXT,
    "decisionRationale" TEXT,
    "reviewId" INTEGER,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "leadBoardId" INTEGER NOT NULL,
    "initiatedOn" TEXT NOT NULL,
    "completedOn" TEXT,
    "criteria" "ReviewCriteria" NOT NULL,
    "methodology" "ReviewMethodology" NOT NULL,
    "guidanceEdition" "GuidanceEdition" NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAgency" (
    "id" SERIAL NOT NULL,
    "reviewId" INTEGER NOT NULL,
    "agency" "AgencyType" NOT NULL,
    "cooperated" BOOLEAN NOT NULL,
    "managementReviewSubmitted" BOOLEAN NOT NULL,

    CONSTRAINT "ReviewAgency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Authorship" (
    "id" SERIAL NOT NULL,
    "reviewId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "role" "AuthorshipRole" NOT NULL,

    CONSTRAINT "Authorship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" SERIAL NOT NULL,
    "reviewId" INTEGER NOT NULL,
    "inspectorate" "Inspectorate" NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "evaluatedOn" TEXT,
    "grade" "EvaluationGrade",
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "reviewId" INTEGER NOT NULL,
    "source" "FindingSource" NOT NULL,
    "category" "FindingCategory" NOT NULL,
    "summary" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorKeyId_fkey" FOREIGN KEY ("actorKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Competency" ADD CONSTRAINT "Competency_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Board" ADD CONSTRAINT "Board_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardCoverage" ADD CONSTRAINT "BoardCoverage_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardCoverage" ADD CONSTRAINT "BoardCoverage_localAuthorityId_fkey" FOREIGN KEY ("localAuthorityId") REFERENCES "LocalAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChildPopulation" ADD CONSTRAINT "ChildPopulation_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_leadBoardId_fkey" FOREIGN KEY ("leadBoardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAgency" ADD CONSTRAINT "ReviewAgency_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Authorship" ADD CONSTRAINT "Authorship_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Authorship" ADD CONSTRAINT "Authorship_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: rules Prisma's schema language cannot express.
ALTER TABLE "Review" ADD CONSTRAINT "Review_completion_after_initiation"
  CHECK ("completedOn" IS NULL OR "completedOn" >= "initiatedOn");
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_notified_after_occurred"
  CHECK ("notifiedOn" >= "occurredOn");
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_evaluated_after_received"
  CHECK (("evaluatedOn" IS NULL OR "evaluatedOn" >= "receivedOn") AND (("evaluatedOn" IS NULL) = ("grade" IS NULL)));

CREATE FUNCTION "Evaluation_of_completed_review"() RETURNS trigger AS $$
DECLARE completed TEXT;
BEGIN
  SELECT "completedOn" INTO completed FROM "Review" WHERE "id" = NEW."reviewId";
  IF completed IS NULL OR NEW."receivedOn" < completed THEN
    RAISE EXCEPTION 'Evaluation must be of a completed review, received after completion';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Evaluation_of_completed_review" BEFORE INSERT OR UPDATE ON "Evaluation"
  FOR EACH ROW EXECUTE FUNCTION "Evaluation_of_completed_review"();

-- The audit log is append-only.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();
