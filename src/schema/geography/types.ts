import type { DatabaseKind } from "../../config";
import type { Prisma } from "../../db";
import { builder } from "../builder";
import { connectionDocs } from "../shared/connections";
import {
  combine,
  type Combinators,
  DateFilter,
  type Nullable,
  type RangeInput,
  rangeWhere,
  SortDirection,
  StringFilter,
  type StringInput,
  stringWhere,
} from "../shared/filters";

// ---- Region ---------------------------------------------------------------------------------------------

export interface RegionWhereShape extends Combinators<RegionWhereShape> {
  code?: Nullable<StringInput>;
  name?: Nullable<StringInput>;
}

export const RegionWhere = builder.inputRef<RegionWhereShape>("RegionWhere").implement({
  description: "Which regions to include; all given conditions must hold.",
  fields: (t) => ({
    code: t.field({ type: StringFilter, description: "ONS region code, e.g. E12000002." }),
    name: t.field({ type: StringFilter, description: "Region name, e.g. North West." }),
    AND: t.field({ type: [RegionWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [RegionWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: RegionWhere, description: "This condition does not hold." }),
  }),
});

export function regionWhere(w: RegionWhereShape, argument: string, kind: DatabaseKind): Prisma.RegionWhereInput {
  return {
    code: stringWhere(w.code, `${argument}.code`, kind),
    name: stringWhere(w.name, `${argument}.name`, kind),
    ...combine(w, (x, a) => regionWhere(x, a, kind), argument),
  };
}

export const RegionOrderField = builder.enumType("RegionOrderField", {
  description: "What to sort regions by.",
  values: {
    CODE: { description: "ONS region code." },
    NAME: { description: "Region name." },
  } as const,
});

export const RegionOrder = builder.inputType("RegionOrder", {
  description: "One sort key for regions.",
  fields: (t) => ({
    field: t.field({ type: RegionOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

export function regionOrderBy(order: readonly (typeof RegionOrder.$inferInput)[] | null | undefined) {
  const keys: Prisma.RegionOrderByWithRelationInput[] = (order ?? [{ field: "CODE", direction: "asc" }]).map((o) =>
    o.field === "CODE" ? { code: o.direction ?? "asc" } : { name: o.direction ?? "asc" },
  );
  return [...keys, { id: "asc" as const }];
}

export const Region = builder.prismaNode("Region", {
  description: "One of the nine English regions. Its figures are the sums of its boards' figures.",
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString("code", { description: "ONS region code (E12000001 North East … E12000009 South West)." }),
    name: t.exposeString("name", { description: "Region name." }),
    boards: t.relatedConnection(
      "boards",
      {
        description: "The boards of the region (every board that was ever in force there, unless filtered).",
        cursor: "id",
        totalCount: true,
        args: {
          where: t.arg({ type: BoardWhere, description: "Which boards to include." }),
          orderBy: t.arg({ type: [BoardOrder], description: "Sort keys, in order; ties are broken by ID." }),
        },
        query: (args, ctx) => {
          return {
            where: args.where ? boardWhere(args.where, "where", ctx.databaseKind) : undefined,
            orderBy: boardOrderBy(args.orderBy),
          };
        },
      },
      ...connectionDocs("boards"),
    ),
  }),
});

// ---- Board ----------------------------------------------------------------------------------------------

export interface BoardWhereShape extends Combinators<BoardWhereShape> {
  code?: Nullable<StringInput>;
  name?: Nullable<StringInput>;
  region?: Nullable<RegionWhereShape>;
  inForceFrom?: Nullable<RangeInput<string>>;
  inForceTo?: Nullable<RangeInput<string>>;
  inForceOn?: Nullable<string>;
}

export const BoardWhere = builder.inputRef<BoardWhereShape>("BoardWhere").implement({
  description: "Which boards to include; all given conditions must hold.",
  fields: (t) => ({
    code: t.field({ type: StringFilter, description: "GSS code of the board's authority." }),
    name: t.field({ type: StringFilter, description: "Board name." }),
    region: t.field({ type: RegionWhere, description: "The board's region matches." }),
    inForceFrom: t.field({ type: DateFilter, description: "Date the board came into force." }),
    inForceTo: t.field({ type: DateFilter, description: "Last day the board was in force (absent while in force)." }),
    inForceOn: t.field({ type: "Date", description: "The board was in force on this date." }),
    AND: t.field({ type: [BoardWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [BoardWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: BoardWhere, description: "This condition does not hold." }),
  }),
});

export function boardWhere(w: BoardWhereShape, argument: string, kind: DatabaseKind): Prisma.BoardWhereInput {
  const and: Prisma.BoardWhereInput[] = [];
  if (w.inForceOn != null) {
    and.push({ inForceFrom: { lte: w.inForceOn } }, { OR: [{ inForceTo: null }, { inForceTo: { gte: w.inForceOn } }] });
  }
  const combined = combine(w, (x, a) => boardWhere(x, a, kind), argument);
  return {
    code: stringWhere(w.code, `${argument}.code`, kind),
    name: stringWhere(w.name, `${argument}.name`, kind),
    region: w.region ? regionWhere(w.region, `${argument}.region`, kind) : undefined,
    inForceFrom: rangeWhere(w.inForceFrom, `${argument}.inForceFrom`),
    inForceTo: rangeWhere(w.inForceTo, `${argument}.inForceTo`, true),
    ...combined,
    AND: [...and, ...(combined.AND ?? [])],
  };
}

export const BoardOrderField = builder.enumType("BoardOrderField", {
  description: "What to sort boards by.",
  values: {
    CODE: { description: "GSS code." },
    NAME: { description: "Board name." },
    REGION_NAME: { description: "Name of the board's region." },
    IN_FORCE_FROM: { description: "Date the board came into force." },
  } as const,
});

export const BoardOrder = builder.inputType("BoardOrder", {
  description: "One sort key for boards.",
  fields: (t) => ({
    field: t.field({ type: BoardOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

export function boardOrderBy(order: readonly (typeof BoardOrder.$inferInput)[] | null | undefined) {
  const keys = (order ?? [{ field: "NAME", direction: "asc" }]).map((o): Prisma.BoardOrderByWithRelationInput => {
    const dir = o.direction ?? "asc";
    switch (o.field) {
      case "CODE":
        return { code: dir };
      case "NAME":
        return { name: dir };
      case "REGION_NAME":
        return { region: { name: dir } };
      case "IN_FORCE_FROM":
        return { inForceFrom: dir };
    }
  });
  return [...keys, { id: "asc" as const }];
}

export const LocalAuthorityType = builder.enumType("LocalAuthorityType", {
  description: "Kind of local authority, from the GSS code's entity type.",
  values: {
    COUNTY: { description: "County council (E10)." },
    UNITARY: { description: "Unitary authority (E06)." },
    METROPOLITAN_DISTRICT: { description: "Metropolitan district (E08)." },
    LONDON_BOROUGH: { description: "London borough (E09)." },
    SUI_GENERIS: { description: "City of London or the Isles of Scilly." },
  } as const,
});

export const LocalAuthority = builder.prismaObject("LocalAuthority", {
  description: "A local authority (GSS code) covered by a board, with the dates its code was in use.",
  fields: (t) => ({
    gssCode: t.exposeString("gssCode", { description: "GSS code (E06 unitary, E08 metropolitan, E09 London, E10 county)." }),
    name: t.exposeString("name", { description: "Authority name." }),
    type: t.expose("type", { type: LocalAuthorityType, description: "Kind of authority." }),
    validFrom: t.expose("validFrom", { type: "Date", description: "First day the code was in use." }),
    validTo: t.expose("validTo", { type: "Date", nullable: true, description: "Last day the code was in use; null while in use." }),
  }),
});

export const BoardCoverage = builder.prismaObject("BoardCoverage", {
  description: "A local authority a board covered, and when.",
  fields: (t) => ({
    localAuthority: t.relation("localAuthority", { description: "The authority covered." }),
    validFrom: t.expose("validFrom", { type: "Date", description: "First day of cover." }),
    validTo: t.expose("validTo", { type: "Date", nullable: true, description: "Last day of cover; null while it goes on." }),
  }),
});

export const ChildPopulation = builder.prismaObject("ChildPopulation", {
  description: "Estimated children aged 0-17 in a board's area at mid-year (30 June).",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Calendar year of the mid-year estimate." }),
    children: t.exposeInt("children", { description: "Estimated children aged 0-17." }),
    approximate: t.exposeBoolean("approximate", {
      description: "True for an approximation rather than an official ONS estimate (the seed's are approximate).",
    }),
    source: t.exposeString("source", { description: "Where the figure comes from." }),
  }),
});

export const Board = builder.prismaNode("Board", {
  description:
    "A Local Safeguarding Children Board (LSCB): the board of one children's services authority, in force between two dates. 150 were in force from April 2006; 152 from April 2009.",
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString("code", { description: "GSS code of the authority the board serves, as in use when the board was set up." }),
    dfeCode: t.exposeString("dfeCode", { description: "DfE three-digit local authority number." }),
    name: t.exposeString("name", { description: "Board name." }),
    region: t.relation("region", { description: "The region the board belongs to." }),
    inForceFrom: t.expose("inForceFrom", { type: "Date", description: "First day the board was in force." }),
    inForceTo: t.expose("inForceTo", {
      type: "Date",
      nullable: true,
      description: "Last day the board was in force; null while it is still in force.",
    }),
    localAuthorities: t.relation("coverage", {
      description: "The local authorities (GSS codes) the board covered, with dates.",
      query: { orderBy: [{ validFrom: "asc" }, { id: "asc" }] },
    }),
    childPopulations: t.relation("populations", {
      description: "Estimated children aged 0-17 in the board's area, one estimate per mid-year.",
      query: { orderBy: { year: "asc" } },
    }),
  }),
});
