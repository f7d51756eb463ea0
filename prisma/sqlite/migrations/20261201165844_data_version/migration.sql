-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" BIGINT NOT NULL DEFAULT 0
);


-- The data's version (src/domain/stats-cache.ts): one row, raised by every write of a data table in the writing
-- transaction, whoever writes (a mutation, the import, the seed, a script). Kept figures are keyed by it.
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);
-- SQLite has row triggers only: one raise per row written.
CREATE TRIGGER "Region_data_version_insert" AFTER INSERT ON "Region" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Region_data_version_update" AFTER UPDATE ON "Region" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Region_data_version_delete" AFTER DELETE ON "Region" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Board_data_version_insert" AFTER INSERT ON "Board" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Board_data_version_update" AFTER UPDATE ON "Board" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Board_data_version_delete" AFTER DELETE ON "Board" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "LocalAuthority_data_version_insert" AFTER INSERT ON "LocalAuthority" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "LocalAuthority_data_version_update" AFTER UPDATE ON "LocalAuthority" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "LocalAuthority_data_version_delete" AFTER DELETE ON "LocalAuthority" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "BoardCoverage_data_version_insert" AFTER INSERT ON "BoardCoverage" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "BoardCoverage_data_version_update" AFTER UPDATE ON "BoardCoverage" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "BoardCoverage_data_version_delete" AFTER DELETE ON "BoardCoverage" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "ChildPopulation_data_version_insert" AFTER INSERT ON "ChildPopulation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "ChildPopulation_data_version_update" AFTER UPDATE ON "ChildPopulation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "ChildPopulation_data_version_delete" AFTER DELETE ON "ChildPopulation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Incident_data_version_insert" AFTER INSERT ON "Incident" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Incident_data_version_update" AFTER UPDATE ON "Incident" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Incident_data_version_delete" AFTER DELETE ON "Incident" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Review_data_version_insert" AFTER INSERT ON "Review" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Review_data_version_update" AFTER UPDATE ON "Review" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Review_data_version_delete" AFTER DELETE ON "Review" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "ReviewAgency_data_version_insert" AFTER INSERT ON "ReviewAgency" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "ReviewAgency_data_version_update" AFTER UPDATE ON "ReviewAgency" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "ReviewAgency_data_version_delete" AFTER DELETE ON "ReviewAgency" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Authorship_data_version_insert" AFTER INSERT ON "Authorship" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Authorship_data_version_update" AFTER UPDATE ON "Authorship" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Authorship_data_version_delete" AFTER DELETE ON "Authorship" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Author_data_version_insert" AFTER INSERT ON "Author" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Author_data_version_update" AFTER UPDATE ON "Author" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Author_data_version_delete" AFTER DELETE ON "Author" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Competency_data_version_insert" AFTER INSERT ON "Competency" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Competency_data_version_update" AFTER UPDATE ON "Competency" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Competency_data_version_delete" AFTER DELETE ON "Competency" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Evaluation_data_version_insert" AFTER INSERT ON "Evaluation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Evaluation_data_version_update" AFTER UPDATE ON "Evaluation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Evaluation_data_version_delete" AFTER DELETE ON "Evaluation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Finding_data_version_insert" AFTER INSERT ON "Finding" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Finding_data_version_update" AFTER UPDATE ON "Finding" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Finding_data_version_delete" AFTER DELETE ON "Finding" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "SourceCoverage_data_version_insert" AFTER INSERT ON "SourceCoverage" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "SourceCoverage_data_version_update" AFTER UPDATE ON "SourceCoverage" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "SourceCoverage_data_version_delete" AFTER DELETE ON "SourceCoverage" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
