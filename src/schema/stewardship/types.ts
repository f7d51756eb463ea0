// Stewardship: the typed results every steward mutation shares (problems, conflicts, not found, reused
// idempotency keys, withdrawals), and the `version` and `history` fields it adds to the record types.
import { builder } from "../builder";
import { PROBLEM_CODES, type Problem as ProblemShape } from "../../domain/records";
import type { HistoryEntry } from "../../domain/records/history";
import { Role } from "../access/types";

export const ProblemCode = builder.enumType("ProblemCode", {
  description: "What kind of problem a record has; the message says exactly what and how to fix it.",
  values: Object.fromEntries(Object.entries(PROBLEM_CODES).map(([code, description]) => [code, { description }])) as Record<
    keyof typeof PROBLEM_CODES,
    { description: string }
  >,
});

export const Problem = builder.objectRef<ProblemShape>("Problem").implement({
  description: "One problem with a record a steward sent: where, what kind, and what is wrong in words.",
  fields: (t) => ({
    path: t.stringList({
      description: 'The input field at fault, from the mutation\'s argument: ["input", "notifiedOn"], ["input", "agencies", "2", "agency"].',
      resolve: (p) => ["input", ...p.path.map(String)],
    }),
    code: t.field({ type: ProblemCode, description: "The kind of problem.", resolve: (p) => p.code }),
    message: t.exposeString("message", { description: "What is wrong and what is allowed, in a sentence." }),
  }),
});

export interface RejectedShape {
  __kind: "RecordRejected";
  problems: ProblemShape[];
}
export interface ConflictShape {
  __kind: "VersionConflict";
  currentVersion: number;
  yourVersion: number;
}
export interface NotFoundShape {
  __kind: "RecordNotFound";
  message: string;
}
export interface ReusedShape {
  __kind: "IdempotencyKeyReused";
  key: string;
  message: string;
}
export interface WithdrawnShape {
  __kind: "RecordWithdrawn";
  id: number;
  model: string;
  version: number;
  withdrawnAt: Date;
  withdrawnReason: string;
  withdrawnBy: string;
}
export type StewardError = RejectedShape | ConflictShape | NotFoundShape | ReusedShape;

export const RecordRejected = builder.objectRef<RejectedShape>("RecordRejected").implement({
  description: "The record was refused and nothing was written: every problem found, at once.",
  fields: (t) => ({
    message: t.string({
      description: "A summary: how many problems were found.",
      resolve: (r) => `The record was not saved: ${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} to fix.`,
    }),
    problems: t.field({ type: [Problem], description: "Every problem found, in the order of the input's fields.", resolve: (r) => r.problems }),
  }),
});

export const VersionConflict = builder.objectRef<ConflictShape>("VersionConflict").implement({
  description: "The record changed since the version the update was based on; nothing was written. Read it again and reapply the change.",
  fields: (t) => ({
    message: t.string({
      description: "What happened, in words.",
      resolve: (c) =>
        `The record is at version ${c.currentVersion}, not ${c.yourVersion}: someone changed it since you read it. Read it again and reapply your change.`,
    }),
    currentVersion: t.exposeInt("currentVersion", { description: "The record's version now." }),
    yourVersion: t.exposeInt("yourVersion", { description: "The version the update named." }),
  }),
});

export const RecordNotFound = builder.objectRef<NotFoundShape>("RecordNotFound").implement({
  description: "No current record has the key given (it does not exist, or was withdrawn); nothing was written.",
  fields: (t) => ({ message: t.exposeString("message", { description: "Which key was not found." }) }),
});

export const IdempotencyKeyReused = builder.objectRef<ReusedShape>("IdempotencyKeyReused").implement({
  description: "The idempotency key was used before by this API key for a different request; nothing was written.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "What happened, in words." }),
    key: t.exposeString("key", { description: "The idempotency key." }),
  }),
});

export const RecordWithdrawn = builder.objectRef<WithdrawnShape>("RecordWithdrawn").implement({
  description: "A record now withdrawn: it has left every figure and list, and stays in the history.",
  fields: (t) => ({
    version: t.exposeInt("version", { description: "The record's version after the withdrawal." }),
    withdrawnAt: t.expose("withdrawnAt", { type: "DateTime", description: "When it was withdrawn." }),
    withdrawnReason: t.exposeString("withdrawnReason", { description: "Why, as the steward gave it." }),
    withdrawnBy: t.exposeString("withdrawnBy", { description: "Who withdrew it: the key's label." }),
  }),
});

const RecordChangeAction = builder.enumType("RecordChangeAction", {
  description: "What a change to a record was.",
  values: {
    CREATE: { value: "record.create", description: "The record was created." },
    UPDATE: { value: "record.update", description: "The record was corrected." },
    WITHDRAW: { value: "record.withdraw", description: "The record was withdrawn." },
  } as const,
});

export const RecordChange = builder.objectRef<HistoryEntry>("RecordChange").implement({
  description: "One change to a record, from the append-only audit log.",
  fields: (t) => ({
    at: t.expose("at", { type: "DateTime", description: "When it happened." }),
    action: t.field({ type: RecordChangeAction, description: "What happened.", resolve: (e) => e.action }),
    actor: t.exposeString("actor", { description: 'Who: the key\'s label, or "cli" / "seed".' }),
    actorRole: t.field({
      type: Role,
      nullable: true,
      description: "The key's role then; null for the command line and the seed.",
      resolve: (e) => e.actorRole,
    }),
    via: t.exposeString("via", { nullable: true, description: 'How: the mutation ("updateIncident"), "import" or "seed".' }),
    importBatchId: t.exposeInt("importBatchId", { nullable: true, description: "The import batch, for a change made by an import." }),
    before: t.string({
      nullable: true,
      description: "The fields that changed, as they were (JSON, in the input's terms); null for a creation or a withdrawal.",
      resolve: (e) => (e.before ? JSON.stringify(e.before) : null),
    }),
    after: t.string({
      nullable: true,
      description: "For a creation every field, for a correction the changed fields, for a withdrawal when, why and by whom (JSON).",
      resolve: (e) => (e.after ? JSON.stringify(e.after) : null),
    }),
  }),
});

/** The record types a steward writes, with their Prisma model: each gets `version` and `history`. */
const MODELS = ["Board", "Incident", "Review", "Evaluation", "Finding", "Author", "Competency", "ChildPopulation", "Authorship"] as const;

for (const model of MODELS) {
  builder.prismaObjectField(model, "version", (t) =>
    t.exposeInt("version", { description: "The record's version: starts at 1 and goes up with every change; an update names the version it read." }),
  );
  builder.prismaObjectField(model, "history", (t) =>
    t.field({
      type: [RecordChange],
      authScopes: { caseDetail: true },
      description: "Every change to the record (created, corrected, withdrawn), newest first: who, when, how, and the fields before and after.",
      select: { id: true },
      // Batched per request: the histories of a list of records are one statement (src/loaders.ts).
      resolve: (record, _args, ctx) => ctx.loaders.history.load({ model, id: (record as { id: number }).id }),
    }),
  );
}
