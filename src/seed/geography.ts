// Regions, boards, local authorities and board coverage: real reference data from prisma/reference/boards.csv
// (no synthetic flag). Child populations: approximations, marked as such.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../root";
import { parse } from "csv-parse/sync";
import type { Board, BoardCoverage, ChildPopulation, LocalAuthority, Region } from "./dataset";
import type { LocalAuthorityType } from "../generated/sqlite/enums";
import { POPULATION_SOURCE, POPULATION_YEARS, REGION_CHILDREN_2007, SUCCESSOR_SHARES } from "./calibration";
import { Rng } from "./random";

const BOARDS_CSV = path.join(PROJECT_ROOT, "prisma", "reference", "boards.csv");

/** ONS region codes and names (docs/domain.md). */
const REGIONS: readonly { code: string; name: string }[] = [
  { code: "E12000001", name: "North East" },
  { code: "E12000002", name: "North West" },
  { code: "E12000003", name: "Yorkshire and The Humber" },
  { code: "E12000004", name: "East Midlands" },
  { code: "E12000005", name: "West Midlands" },
  { code: "E12000006", name: "East of England" },
  { code: "E12000007", name: "London" },
  { code: "E12000008", name: "South East" },
  { code: "E12000009", name: "South West" },
];

interface BoardRow {
  gss_code: string;
  dfe_la_code: string;
  name: string;
  region_code: string;
  region_name: string;
  in_force_from: string;
  in_force_to: string;
  la_type: string;
  source_note: string;
}

const LA_TYPES: readonly LocalAuthorityType[] = ["COUNTY", "UNITARY", "METROPOLITAN_DISTRICT", "LONDON_BOROUGH", "SUI_GENERIS"];

/** A board with what the generation needs to know about it beyond the Board row. */
export interface BoardInfo {
  board: Board;
  regionCode: string;
  /** The csv name (the board's name without " LSCB"). */
  placeName: string;
  laType: LocalAuthorityType;
  /** Children aged 0-17 by year, for the years the board has a population row. */
  children: Map<number, number>;
}

export interface Geography {
  regions: Region[];
  boards: Board[];
  localAuthorities: LocalAuthority[];
  boardCoverage: BoardCoverage[];
  childPopulations: ChildPopulation[];
  boardInfos: BoardInfo[];
}

function readBoardRows(): BoardRow[] {
  const rows = parse(fs.readFileSync(BOARDS_CSV), { columns: true, skip_empty_lines: true }) as BoardRow[];
  for (const row of rows) {
    if (!LA_TYPES.includes(row.la_type as LocalAuthorityType)) {
      throw new Error(`boards.csv: unknown la_type '${row.la_type}' for ${row.name}`);
    }
    const region = REGIONS.find((r) => r.code === row.region_code);
    if (!region || region.name !== row.region_name) {
      throw new Error(`boards.csv: region ${row.region_code} '${row.region_name}' does not match docs/domain.md`);
    }
  }
  return rows;
}

/** For a county that became unitary on 2009-04-01 under a new GSS code, that code and name (from the note). */
function unitarySuccessor(note: string): { gssCode: string; name: string } | null {
  const match = /continued as unitary (E06\d{6}) \('([^']+)'/.exec(note);
  return match ? { gssCode: match[1] as string, name: match[2] as string } : null;
}

const UNITARY_FROM = "2009-04-01";
const COUNTY_TO = "2009-03-31";

export function buildGeography(rng: Rng): Geography {
  const rows = readBoardRows();
  const regions: Region[] = REGIONS.map((r, i) => ({ id: i + 1, code: r.code, name: r.name }));
  const regionId = new Map(regions.map((r) => [r.code, r.id]));

  const boards: Board[] = [];
  const localAuthorities: LocalAuthority[] = [];
  const boardCoverage: BoardCoverage[] = [];
  const boardInfos: BoardInfo[] = [];

  const addAuthority = (board: Board, la: Omit<LocalAuthority, "id">) => {
    const authority: LocalAuthority = { id: localAuthorities.length + 1, ...la };
    localAuthorities.push(authority);
    boardCoverage.push({
      id: boardCoverage.length + 1,
      boardId: board.id,
      localAuthorityId: authority.id,
      validFrom: authority.validFrom,
      validTo: authority.validTo,
    });
  };

  rows.forEach((row, i) => {
    const board: Board = {
      id: i + 1,
      code: row.gss_code,
      dfeCode: row.dfe_la_code,
      name: `${row.name} LSCB`,
      regionId: regionId.get(row.region_code) as number,
      inForceFrom: row.in_force_from,
      inForceTo: row.in_force_to === "" ? null : row.in_force_to,
    };
    boards.push(board);
    const laType = row.la_type as LocalAuthorityType;
    boardInfos.push({ board, regionCode: row.region_code, placeName: row.name, laType, children: new Map() });

    const successor = unitarySuccessor(row.source_note);
    // The five counties that became unitary on 2009-04-01 kept their board but changed GSS code: the county
    // code is valid to 2009-03-31 and the unitary code from 2009-04-01, both covered by the same board.
    addAuthority(board, {
      gssCode: row.gss_code,
      name: row.name,
      type: laType,
      validFrom: row.in_force_from,
      validTo: successor ? COUNTY_TO : board.inForceTo,
    });
    if (successor) {
      addAuthority(board, {
        gssCode: successor.gssCode,
        name: successor.name,
        type: "UNITARY",
        validFrom: UNITARY_FROM,
        validTo: board.inForceTo,
      });
    }
  });

  assignPopulations(boardInfos, rng.fork("populations"));
  const childPopulations: ChildPopulation[] = [];
  for (const info of boardInfos) {
    for (const [year, children] of info.children) {
      childPopulations.push({
        id: childPopulations.length + 1,
        boardId: info.board.id,
        year,
        children,
        approximate: true,
        source: POPULATION_SOURCE,
      });
    }
  }
  return { regions, boards, localAuthorities, boardCoverage, childPopulations, boardInfos };
}

export function inForceOn(board: Board, date: string): boolean {
  return board.inForceFrom <= date && (board.inForceTo === null || date <= board.inForceTo);
}

/** Children of a board in a year (the nearest year with a row, for a board's first or last months). */
export function childrenAround(info: BoardInfo, year: number): number {
  return info.children.get(year) ?? info.children.get(year - 1) ?? info.children.get(year + 1) ?? 0;
}

// ---- Populations ----------------------------------------------------------------------------------------

/** Typical children (0-17) by authority type, before scaling to the regional total (model). */
const TYPE_SIZE: Record<LocalAuthorityType, number> = {
  COUNTY: 160_000,
  METROPOLITAN_DISTRICT: 65_000,
  UNITARY: 42_000,
  LONDON_BOROUGH: 50_000,
  SUI_GENERIS: 1_000,
};

/** Authorities far from their type's typical size (model: rough relative sizes, not ONS figures). */
const SIZE_HINTS: Record<string, number> = {
  Birmingham: 4.0,
  Leeds: 2.4,
  Bradford: 1.9,
  Sheffield: 1.7,
  Manchester: 1.6,
  Liverpool: 1.4,
  Kirklees: 1.4,
  Wirral: 1.1,
  Kent: 1.9,
  Essex: 1.8,
  Hampshire: 1.7,
  Lancashire: 1.6,
  Hertfordshire: 1.5,
  Surrey: 1.4,
  Norfolk: 1.1,
  Rutland: 0.2,
  "Isle of Wight": 0.65,
  Northumberland: 0.45,
  Durham: 0.65,
  Cumbria: 0.65,
  Shropshire: 0.4,
  Wiltshire: 0.6,
  Cornwall: 0.65,
  Bedfordshire: 0.55,
  "Herefordshire, County of": 0.8,
  "Bristol, City of": 1.7,
  "Kingston upon Hull, City of": 1.4,
  "East Riding of Yorkshire": 1.4,
  "Milton Keynes": 1.3,
};

/** Fixed sizes for the two tiny authorities (docs/seed.md: City of London about 1,000, Scilly about 400). */
const FIXED_SIZE: Record<string, number> = { "City of London": 1_000, "Isles of Scilly": 400 };

const MID_2007 = "2007-06-30";
/** Largest yearly change in a board's children (±0.5%). */
const YEARLY_DRIFT = 0.005;

function assignPopulations(infos: BoardInfo[], rng: Rng): void {
  for (const name of Object.keys(SIZE_HINTS)) {
    if (!infos.some((i) => i.placeName === name)) throw new Error(`size hint for unknown authority ${name}`);
  }
  const byName = new Map(infos.map((i) => [i.placeName, i]));
  const base2007 = new Map<BoardInfo, number>();

  // 2007: split each region's placeholder total across its boards in force at mid-2007.
  for (const regionCode of Object.keys(REGION_CHILDREN_2007)) {
    const members = infos.filter((i) => i.regionCode === regionCode && inForceOn(i.board, MID_2007));
    let remaining = REGION_CHILDREN_2007[regionCode] as number;
    const scaled: BoardInfo[] = [];
    const weights: number[] = [];
    for (const info of members) {
      const fixed = FIXED_SIZE[info.placeName];
      if (fixed !== undefined) {
        const value = Math.round(fixed * rng.between(0.95, 1.05));
        base2007.set(info, value);
        remaining -= value;
      } else {
        const hint = SIZE_HINTS[info.placeName];
        const variation = hint === undefined ? rng.between(0.75, 1.25) : rng.between(0.92, 1.08);
        scaled.push(info);
        weights.push(TYPE_SIZE[info.laType] * (hint ?? 1) * variation);
      }
    }
    apportion(remaining, weights).forEach((value, k) => base2007.set(scaled[k] as BoardInfo, value));
  }

  const drift = () => 1 + rng.between(-YEARLY_DRIFT, YEARLY_DRIFT);
  for (const info of infos) {
    const value2007 = base2007.get(info);
    if (value2007 === undefined) continue; // a 2009 successor: derived from its predecessor below
    const series = new Map<number, number>([[2007, value2007]]);
    for (let year = 2006; year >= POPULATION_YEARS.from; year--) series.set(year, (series.get(year + 1) as number) / drift());
    for (let year = 2008; year <= POPULATION_YEARS.to; year++) series.set(year, (series.get(year - 1) as number) * drift());
    setRows(info, series);
    for (const [name, split] of Object.entries(SUCCESSOR_SHARES)) {
      if (split.predecessor !== info.placeName) continue;
      const successor = byName.get(name);
      if (!successor) throw new Error(`successor ${name} not in boards.csv`);
      const own = new Map<number, number>();
      for (let year = 2009; year <= POPULATION_YEARS.to; year++) {
        own.set(year, (series.get(year) as number) * split.share * (year === 2009 ? 1 : drift()));
      }
      setRows(successor, own);
    }
  }
}

/** Keeps the years in which the board was in force on 30 June, rounded to whole children. */
function setRows(info: BoardInfo, series: Map<number, number>): void {
  for (const [year, value] of [...series].sort((a, b) => a[0] - b[0])) {
    if (inForceOn(info.board, `${year}-06-30`)) info.children.set(year, Math.round(value));
  }
}

/** Splits a whole total in proportion to weights, rounding by largest remainder so the parts sum exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let short = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (short <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    short--;
  }
  return parts;
}
