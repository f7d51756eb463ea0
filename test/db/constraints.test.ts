// The database itself refuses data that breaks the model's rules, on both SQLite and PostgreSQL.
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

let d: TestDatabase;
let boardId: number;

beforeAll(async () => {
  d = await createTestDatabase({ seeded: false });
  const region = await d.db.region.create({ data: { code: "E12000001", name: "North East" } });
  boardId = (
    await d.db.board.create({ data: { code: "E06000001", dfeCode: "805", name: "Hartlepool LSCB", regionId: region.id, inForceFrom: "2006-04-01" } })
  ).id;
});
afterAll(() => d.destroy());

const review = (reference: string, initiatedOn: string, completedOn: string | null) => ({
  reference,
  leadBoardId: boardId,
  initiatedOn,
  completedOn,
  criteria: "DEATH_ABUSE_NEGLECT" as const,
  methodology: "IMR_OVERVIEW" as const,
  guidanceEdition: "WT2006" as const,
});

test("a review cannot be completed before it was decided", async () => {
  await expect(d.db.review.create({ data: review("R-BACKWARDS", "2008-05-01", "2008-04-30") })).rejects.toThrow();
  const ok = await d.db.review.create({ data: review("R-SAME-DAY", "2008-05-01", "2008-05-01") });
  await expect(d.db.review.update({ where: { id: ok.id }, data: { completedOn: "2008-01-01" } })).rejects.toThrow();
  expect(await d.db.review.count({ where: { reference: "R-BACKWARDS" } })).toBe(0);
});

test("only a completed review can be evaluated, after it was completed, and graded exactly when evaluated", async () => {
  const open = await d.db.review.create({ data: review("R-OPEN", "2008-05-01", null) });
  await expect(d.db.evaluation.create({ data: { reviewId: open.id, inspectorate: "OFSTED", receivedOn: "2008-09-01" } })).rejects.toThrow();
  const done = await d.db.review.create({ data: review("R-DONE", "2008-05-01", "2008-09-01") });
  await expect(d.db.evaluation.create({ data: { reviewId: done.id, inspectorate: "OFSTED", receivedOn: "2008-08-31" } })).rejects.toThrow();
  await expect(
    d.db.evaluation.create({
      data: { reviewId: done.id, inspectorate: "OFSTED", receivedOn: "2008-09-02", evaluatedOn: "2008-09-01", grade: "GOOD" },
    }),
  ).rejects.toThrow();
  await expect(
    d.db.evaluation.create({ data: { reviewId: done.id, inspectorate: "OFSTED", receivedOn: "2008-09-02", grade: "GOOD" } }),
  ).rejects.toThrow();
  const ok = await d.db.evaluation.create({
    data: { reviewId: done.id, inspectorate: "OFSTED", receivedOn: "2008-09-02", evaluatedOn: "2008-10-01", grade: "GOOD" },
  });
  expect(ok.grade).toBe("GOOD");
});

test("an incident cannot be notified before it happened", async () => {
  await expect(
    d.db.incident.create({
      data: {
        reference: "I-BACKWARDS",
        boardId,
        occurredOn: "2008-05-02",
        notifiedOn: "2008-05-01",
        nature: "DEATH",
        abuseOrNeglectSuspected: true,
        childAgeBand: "UNDER_1",
      },
    }),
  ).rejects.toThrow();
});

test("references are unique", async () => {
  await d.db.review.create({ data: review("R-UNIQUE", "2008-05-01", null) });
  await expect(d.db.review.create({ data: review("R-UNIQUE", "2008-06-01", null) })).rejects.toThrow();
});

test("the audit log is append-only", async () => {
  const event = await d.db.auditEvent.create({ data: { actor: "test", action: "test.event", entity: "Test" } });
  await expect(d.db.auditEvent.update({ where: { id: event.id }, data: { action: "rewritten" } })).rejects.toThrow();
  await expect(d.db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
  expect((await d.db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("test.event");
});
