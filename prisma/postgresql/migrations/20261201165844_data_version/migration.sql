-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);


-- The data's version (src/domain/stats-cache.ts): one row, raised by every write of a data table in the writing
-- transaction, whoever writes (a mutation, the import, the seed, a script). Kept figures are keyed by it.
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);
-- The raise runs at the writing transaction's commit, once: the triggers are deferred constraint triggers (row
-- level, as constraint triggers must be), and the first to fire marks the transaction in a setting local to it,
-- so the others return at once. The version row is therefore locked only while a transaction commits: a long
-- import does not hold up a steward's edit for its whole length, and no lock is taken after it (a writer holding
-- it takes no other), so it cannot be part of a deadlock. TRUNCATE has no row triggers: a statement trigger.
CREATE FUNCTION "DataVersion_bump"() RETURNS trigger AS $$
BEGIN
  IF current_setting('scr_atlas.data_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('scr_atlas.data_version_raised', txid_current()::text, true);
    UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER "Region_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Region"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Region_data_version_truncate" AFTER TRUNCATE ON "Region"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Board_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Board"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Board_data_version_truncate" AFTER TRUNCATE ON "Board"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "LocalAuthority_data_version" AFTER INSERT OR UPDATE OR DELETE ON "LocalAuthority"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "LocalAuthority_data_version_truncate" AFTER TRUNCATE ON "LocalAuthority"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "BoardCoverage_data_version" AFTER INSERT OR UPDATE OR DELETE ON "BoardCoverage"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "BoardCoverage_data_version_truncate" AFTER TRUNCATE ON "BoardCoverage"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "ChildPopulation_data_version" AFTER INSERT OR UPDATE OR DELETE ON "ChildPopulation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "ChildPopulation_data_version_truncate" AFTER TRUNCATE ON "ChildPopulation"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Incident_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Incident"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Incident_data_version_truncate" AFTER TRUNCATE ON "Incident"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Review_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Review"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Review_data_version_truncate" AFTER TRUNCATE ON "Review"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "ReviewAgency_data_version" AFTER INSERT OR UPDATE OR DELETE ON "ReviewAgency"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "ReviewAgency_data_version_truncate" AFTER TRUNCATE ON "ReviewAgency"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Authorship_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Authorship"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Authorship_data_version_truncate" AFTER TRUNCATE ON "Authorship"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Author_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Author"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Author_data_version_truncate" AFTER TRUNCATE ON "Author"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Competency_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Competency"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Competency_data_version_truncate" AFTER TRUNCATE ON "Competency"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Evaluation_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Evaluation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Evaluation_data_version_truncate" AFTER TRUNCATE ON "Evaluation"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "Finding_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Finding"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "Finding_data_version_truncate" AFTER TRUNCATE ON "Finding"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
CREATE CONSTRAINT TRIGGER "SourceCoverage_data_version" AFTER INSERT OR UPDATE OR DELETE ON "SourceCoverage"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_bump"();
CREATE TRIGGER "SourceCoverage_data_version_truncate" AFTER TRUNCATE ON "SourceCoverage"
  FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_bump"();
