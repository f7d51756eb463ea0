-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);


-- The data's version (src/domain/stats-cache.ts): one row, raised by every write of a data table in the writing
-- transaction, whoever writes (a mutation, the import, the seed, a script). Kept figures are keyed by it.
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);
CREATE FUNCTION "DataVersion_bump"() RETURNS trigger AS $$
BEGIN
  UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Region_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Region"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Board_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Board"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "LocalAuthority_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "LocalAuthority"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "BoardCoverage_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BoardCoverage"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "ChildPopulation_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ChildPopulation"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Incident_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Incident"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Review_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Review"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "ReviewAgency_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReviewAgency"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Authorship_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Authorship"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Author_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Author"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Competency_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Competency"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Evaluation_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Evaluation"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Finding_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Finding"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "SourceCoverage_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SourceCoverage"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
