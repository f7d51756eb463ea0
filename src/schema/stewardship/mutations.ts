// The steward's mutations: create, update and withdraw for every kind of record, generated from one table of
// fields per kind, all going through the domain's write layer (src/domain/records/write.ts), so the rules, the
// versions, the history and the idempotency are the same for every kind (and for the bulk import).
import type { Context } from "../../context";
import type { Db } from "../../db";
import { actorOfViewer } from "../../domain/audit";
import type { RecordInputs, RecordKindName } from "../../domain/records";
import { createRecord, updateRecord, type WriteResult, withdrawRecord } from "../../domain/records/write";
import { IDEMPOTENCY_KEY_MAX } from "../../domain/idempotency";
import { builder } from "../builder";
import { AuthorBackground, CompetencyArea, CompetencyLevel } from "../authors/enums";
import { Author, Competency } from "../authors/types";
import { Board, ChildPopulation } from "../geography/types";
import { ChildAgeBand, IncidentNature, ReviewDecision } from "../incidents/enums";
import { Incident } from "../incidents/types";
import {
  AgencyType,
  AuthorshipRole,
  EvaluationGrade,
  FindingCategory,
  FindingSource,
  GuidanceEdition,
  Inspectorate,
  ReviewCriteria,
  ReviewMethodology,
} from "../reviews/enums";
import { Authorship, Evaluation, Finding, Review } from "../reviews/types";
import {
  IdempotencyKeyReused,
  RecordNotFound,
  RecordRejected,
  RecordWithdrawn,
  type StewardError,
  VersionConflict,
  type WithdrawnShape,
} from "./types";

const ReviewAgencyInput = builder.inputType("ReviewAgencyInput", {
  description: "An agency that took part in a review.",
  fields: (t) => ({
    agency: t.field({ type: AgencyType, required: true, description: "The agency." }),
    cooperated: t.boolean({ required: true, description: "Whether it co-operated with the review." }),
    managementReviewSubmitted: t.boolean({ required: true, description: "Whether it sent an individual management review." }),
  }),
});

type FieldType = "String" | "Int" | "Boolean" | "Date" | object;
interface FieldSpec {
  type: FieldType;
  list?: boolean;
  description: string;
  /** Required when creating. */
  required?: boolean;
  /** Part of the natural key: names the record in updates and withdrawals, and cannot be changed. */
  key?: boolean;
}

interface KindSpec<K extends RecordKindName> {
  kind: K;
  /** The GraphQL type name, as in the mutations' names: "Incident" → createIncident. */
  name: string;
  what: string;
  record: object;
  load(db: Db, id: number): Promise<unknown>;
  fields: Record<string, FieldSpec>;
  /** False for a kind whose every field is its key (an authorship): no update. */
  updatable?: boolean;
}

const ref = (description: string, key = true): FieldSpec => ({ type: "String", required: true, key, description });

const SPECS = [
  {
    kind: "incident",
    name: "Incident",
    what: "a serious incident notification, with the board's decision",
    record: Incident,
    load: (db, id) => db.incident.findUnique({ where: { id } }),
    fields: {
      reference: ref("The incident's reference, e.g. SIN-2007-00001 (capitals, digits, hyphens)."),
      boardCode: { type: "String", required: true, description: "GSS code of the board, which must have been in force on notifiedOn." },
      occurredOn: { type: "Date", required: true, description: "When the death or serious harm happened." },
      notifiedOn: { type: "Date", required: true, description: "When it was notified: on or after occurredOn, not in the future." },
      nature: { type: IncidentNature, required: true, description: "Death, serious harm, or not known at notification." },
      abuseOrNeglectSuspected: { type: "Boolean", required: true, description: "Whether abuse or neglect is known or suspected." },
      childAgeBand: { type: ChildAgeBand, required: true, description: "The child's age band." },
      decision: { type: ReviewDecision, description: "The board's decision; PENDING when not given." },
      decisionOn: { type: "Date", description: "When the board decided: required for any decision but PENDING, on or after notifiedOn." },
      decisionRationale: { type: "String", description: "Why the board decided as it did (sensitive free text, at most 1000 characters)." },
      reviewReference: { type: "String", description: "The review that covers the incident; only for the decision SCR_INITIATED." },
    },
  } satisfies KindSpec<"incident">,
  {
    kind: "review",
    name: "Review",
    what: "a serious case review",
    record: Review,
    load: (db, id) => db.review.findUnique({ where: { id } }),
    fields: {
      reference: ref("The review's reference, e.g. SCR-2007-0001."),
      leadBoardCode: { type: "String", required: true, description: "GSS code of the board that leads it, in force on initiatedOn." },
      initiatedOn: { type: "Date", required: true, description: "The date of the decision to hold the review." },
      completedOn: { type: "Date", description: "When it was completed (on or after initiatedOn); absent while open." },
      criteria: { type: ReviewCriteria, required: true, description: "The criterion it is held under." },
      methodology: { type: ReviewMethodology, required: true, description: "How it is carried out." },
      guidanceEdition: { type: GuidanceEdition, required: true, description: "The guidance it is held under." },
      agencies: { type: ReviewAgencyInput, list: true, description: "The agencies that took part, each once; an update replaces the whole list." },
    },
  } satisfies KindSpec<"review">,
  {
    kind: "evaluation",
    name: "Evaluation",
    what: "the inspectorate's evaluation of a completed review (one per review)",
    record: Evaluation,
    load: (db, id) => db.evaluation.findUnique({ where: { id } }),
    fields: {
      reviewReference: ref("The reference of the review evaluated: completed, and not evaluated already."),
      inspectorate: { type: Inspectorate, required: true, description: "The inspectorate that evaluated it." },
      receivedOn: { type: "Date", required: true, description: "When the inspectorate received the review: on or after its completion." },
      evaluatedOn: { type: "Date", description: "When it was evaluated (on or after receivedOn); absent until then." },
      grade: { type: EvaluationGrade, description: "The grade: given exactly when evaluatedOn is." },
    },
  } satisfies KindSpec<"evaluation">,
  {
    kind: "finding",
    name: "Finding",
    what: "a finding about a review",
    record: Finding,
    load: (db, id) => db.finding.findUnique({ where: { id } }),
    fields: {
      reviewReference: ref("The reference of the review it is about."),
      source: { type: FindingSource, required: true, key: true, description: "The inspectorate's evaluation, or the review's own learning." },
      category: { type: FindingCategory, required: true, key: true, description: "Its category; it must belong to its source." },
      summary: { type: "String", required: true, description: "The finding in words (sensitive free text, at most 1000 characters)." },
    },
  } satisfies KindSpec<"finding">,
  {
    kind: "board",
    name: "Board",
    what: "a Local Safeguarding Children Board",
    record: Board,
    load: (db, id) => db.board.findUnique({ where: { id } }),
    fields: {
      code: ref("GSS code of the authority the board serves, e.g. E06000005."),
      dfeCode: { type: "String", required: true, description: "DfE three-digit local authority number." },
      name: { type: "String", required: true, description: "The board's name (at most 200 characters)." },
      regionCode: { type: "String", required: true, description: "ONS code of its region, E12000001 to E12000009." },
      inForceFrom: { type: "Date", required: true, description: "First day the board was in force." },
      inForceTo: { type: "Date", description: "Last day it was in force (on or after inForceFrom); absent while in force." },
    },
  } satisfies KindSpec<"board">,
  {
    kind: "population",
    name: "ChildPopulation",
    what: "a board's estimated child population at a mid-year",
    record: ChildPopulation,
    load: (db, id) => db.childPopulation.findUnique({ where: { id } }),
    fields: {
      boardCode: ref("GSS code of the board, in force on 30 June of the year."),
      year: { type: "Int", required: true, key: true, description: "The calendar year of the mid-year (30 June) estimate." },
      children: { type: "Int", required: true, description: "Estimated children aged 0-17 (0 to 5,000,000)." },
      approximate: { type: "Boolean", required: true, description: "True for an approximation rather than an official estimate." },
      source: { type: "String", required: true, description: "Where the estimate comes from (at most 200 characters)." },
    },
  } satisfies KindSpec<"population">,
  {
    kind: "author",
    name: "Author",
    what: "a review author or panel chair",
    record: Author,
    load: (db, id) => db.author.findUnique({ where: { id } }),
    fields: {
      reference: ref("The author's pseudonymous reference, e.g. AUT-0001."),
      displayName: { type: "String", required: true, description: "The author's name (sensitive: a named person; at most 200 characters)." },
      background: { type: AuthorBackground, required: true, description: "Professional background." },
      independent: { type: "Boolean", required: true, description: "Whether independent of the board's agencies." },
    },
  } satisfies KindSpec<"author">,
  {
    kind: "competency",
    name: "Competency",
    what: "a competency an author holds",
    record: Competency,
    load: (db, id) => db.competency.findUnique({ where: { id } }),
    fields: {
      authorReference: ref("The author's reference."),
      area: { type: CompetencyArea, required: true, key: true, description: "The area." },
      attainedOn: { type: "Date", required: true, key: true, description: "When it was attained." },
      level: { type: CompetencyLevel, description: "For REVIEW_METHODOLOGY only (and required there): TRAINED or ACCREDITED." },
      years: { type: "Int", description: "For CHILD_PROTECTION_PRACTICE only (and required there): years of practice." },
      expiresOn: { type: "Date", description: "The first day it is no longer held (after attainedOn); absent if it does not lapse." },
    },
  } satisfies KindSpec<"competency">,
  {
    kind: "authorship",
    name: "Authorship",
    what: "an author's part in a review",
    record: Authorship,
    load: (db, id) => db.authorship.findUnique({ where: { id } }),
    updatable: false,
    fields: {
      reviewReference: ref("The review's reference."),
      authorReference: ref("The author's reference."),
      role: { type: AuthorshipRole, required: true, key: true, description: "Panel chair or overview author." },
    },
  } satisfies KindSpec<"authorship">,
] as const;

type AnySpec = KindSpec<RecordKindName>;

/** An input field of `spec` for Pothos: required only when asked. */
function inputField(t: { field: (options: never) => unknown }, spec: FieldSpec, required: boolean) {
  return t.field({ type: (spec.list ? [spec.type] : spec.type) as never, required, description: spec.description } as never);
}

function writeContext(ctx: Context, via: string) {
  return { actor: actorOfViewer(ctx.viewer!, ctx.requestId), via };
}

/** The payload of a write: the record (loaded fresh), or the typed error. */
async function answer(spec: AnySpec, ctx: Context, result: WriteResult): Promise<unknown> {
  if (result.ok) return spec.load(ctx.db, result.id);
  return errorOf(result);
}

function errorOf(result: Exclude<WriteResult, { ok: true }>): StewardError {
  switch (result.kind) {
    case "problems":
      return { __kind: "RecordRejected", problems: result.problems };
    case "conflict":
      return { __kind: "VersionConflict", currentVersion: result.currentVersion, yourVersion: result.yourVersion };
    case "notFound":
      return { __kind: "RecordNotFound", message: result.message };
    case "reused":
      return { __kind: "IdempotencyKeyReused", key: result.key, message: result.message };
  }
}

const kindOf = (value: unknown, recordName: string) =>
  typeof value === "object" && value !== null && "__kind" in value ? (value as { __kind: string }).__kind : recordName;

function union(name: string, description: string, members: object[], recordName: string) {
  return builder.unionType(name, { description, types: members as never, resolveType: (value) => kindOf(value, recordName) });
}

function split(spec: AnySpec, input: Record<string, unknown>) {
  const key: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [field, f] of Object.entries(spec.fields)) (f.key ? key : rest)[field] = input[field];
  return { key, rest };
}

function defineMutations(spec: AnySpec): void {
  const { name, what } = spec;
  const fields = Object.entries(spec.fields);
  const keyFields = fields.filter(([, f]) => f.key);

  const CreateInput = builder.inputType(`Create${name}Input`, {
    description: `A new record: ${what}. Checked as a whole; every problem comes back at once.`,
    fields: (t) => ({
      ...Object.fromEntries(fields.map(([field, f]) => [field, inputField(t as never, f, f.required === true)])),
      idempotencyKey: t.string({
        description: `Optional, chosen by the client (1 to ${IDEMPOTENCY_KEY_MAX} characters): a retry with the same key returns the first answer and creates nothing; the same key with a different input is refused.`,
      }),
    }),
  });
  const CreatePayload = union(`Create${name}Payload`, `The ${name} created; or why not.`, [spec.record, RecordRejected, IdempotencyKeyReused], name);

  const WithdrawInput = builder.inputType(`Withdraw${name}Input`, {
    description: `The record to withdraw (${what}), by its natural key, with the version read and the reason.`,
    fields: (t) => ({
      ...Object.fromEntries(keyFields.map(([field, f]) => [field, inputField(t as never, f, true)])),
      version: t.int({ required: true, description: "The version read: the withdrawal fails with a VersionConflict if it changed since." }),
      reason: t.string({ required: true, description: "Why it is withdrawn (1 to 1000 characters); kept in its history." }),
    }),
  });
  const WithdrawPayload = union(
    `Withdraw${name}Payload`,
    `The ${name} withdrawn; or why not.`,
    [RecordWithdrawn, RecordRejected, VersionConflict, RecordNotFound],
    "RecordWithdrawn",
  );

  const kind = spec.kind;
  builder.mutationFields((t) => ({
    [`create${name}`]: t.field({
      type: CreatePayload as never,
      authScopes: { steward: true },
      description: `Creates ${what}. STEWARD or ADMIN. Validated as a whole (every problem at once); written with its history in one transaction.`,
      args: { input: t.arg({ type: CreateInput, required: true, description: "The record." }) },
      resolve: async (_root, { input }, ctx) => {
        const { idempotencyKey, ...record } = input as Record<string, unknown> & { idempotencyKey?: string | null };
        if (idempotencyKey != null && (idempotencyKey.length === 0 || idempotencyKey.length > IDEMPOTENCY_KEY_MAX))
          return errorOf({
            ok: false,
            kind: "problems",
            problems: [
              { path: ["idempotencyKey"], code: "OUT_OF_RANGE", message: `idempotencyKey must be 1 to ${IDEMPOTENCY_KEY_MAX} characters long.` },
            ],
          }) as never;
        const idempotency = idempotencyKey != null ? { key: idempotencyKey, actorKeyId: ctx.viewer!.keyId } : undefined;
        const result = await createRecord(
          ctx.db as Db,
          kind,
          record as unknown as RecordInputs[typeof kind],
          writeContext(ctx, `create${name}`),
          idempotency,
        );
        return answer(spec, ctx, result) as never;
      },
    }),
    [`withdraw${name}`]: t.field({
      type: WithdrawPayload as never,
      authScopes: { steward: true },
      description: `Withdraws ${what}: it leaves every figure and list but stays in the history. Refused while current records depend on it. STEWARD or ADMIN.`,
      args: { input: t.arg({ type: WithdrawInput, required: true, description: "The record, its version and the reason." }) },
      resolve: async (_root, { input }, ctx) => {
        const { version, reason, ...key } = input as Record<string, unknown> & { version: number; reason: string };
        const result = await withdrawRecord(ctx.db as Db, kind, key as never, version, reason, writeContext(ctx, `withdraw${name}`));
        if (!result.ok) return errorOf(result) as never;
        const row = (await spec.load(ctx.db, result.id)) as { withdrawnAt: Date; withdrawnReason: string; withdrawnBy: string };
        const withdrawn: WithdrawnShape = { __kind: "RecordWithdrawn", id: result.id, model: name, version: result.version, ...row };
        return withdrawn as never;
      },
    }),
  }));

  if (spec.updatable === false) return;
  const UpdateInput = builder.inputType(`Update${name}Input`, {
    description: `A correction to ${what}: named by its natural key, with the version read; fields left out stay as they are, null clears one.`,
    fields: (t) => ({
      ...Object.fromEntries(fields.map(([field, f]) => [field, inputField(t as never, f, f.key === true)])),
      version: t.int({ required: true, description: "The version read: the update fails with a VersionConflict if it changed since." }),
    }),
  });
  const UpdatePayload = union(
    `Update${name}Payload`,
    `The ${name} corrected; or why not.`,
    [spec.record, RecordRejected, VersionConflict, RecordNotFound],
    name,
  );
  builder.mutationFields((t) => ({
    [`update${name}`]: t.field({
      type: UpdatePayload as never,
      authScopes: { steward: true },
      description: `Corrects ${what}. STEWARD or ADMIN. The record after the change is validated as a whole; the change and its history are written in one transaction.`,
      args: { input: t.arg({ type: UpdateInput, required: true, description: "The record's key, its version and the fields to change." }) },
      resolve: async (_root, { input }, ctx) => {
        const { version, ...values } = input as Record<string, unknown> & { version: number };
        const { key, rest } = split(spec, values);
        const result = await updateRecord(ctx.db as Db, kind, key as never, version, rest as never, writeContext(ctx, `update${name}`));
        return answer(spec, ctx, result) as never;
      },
    }),
  }));
}

for (const spec of SPECS) defineMutations(spec as unknown as AnySpec);
