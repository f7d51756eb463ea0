/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Status of a figure, following the Government Statistical Service's symbols. */
export type FigureStatus =
  /** Not applicable, e.g. a ratio over zero (GSS symbol z); no value. */
  | 'NOT_APPLICABLE'
  /** Not available (GSS symbol x); no value: the period lies outside the dates for which a source the figure reads is complete (`coverage`), or there is no population estimate for it. */
  | 'NOT_AVAILABLE'
  /** The value is given. */
  | 'OK'
  /** Provisional (GSS symbol p); the value is given but may still change: the period runs past an end of the dates for which a source the figure reads is complete (`coverage`). */
  | 'PROVISIONAL'
  /** Withheld to protect confidentiality (GSS symbol c); no value. For research partners: a count from 1 to 5, a figure derived from one, or a figure withheld so that no such count can be worked out from totals and the other figures. */
  | 'SUPPRESSED';

/** An inclusive range of dates: either `from` and `to`, or a UK `financialYear` (1 April to 31 March), not both. */
export type PeriodInput = {
  /** A financial year written YYYY-YY, e.g. "2007-08" for 1 April 2007 to 31 March 2008. */
  financialYear?: string | null | undefined;
  /** First day of the period (inclusive). */
  from?: string | null | undefined;
  /** Last day of the period (inclusive); not before `from`. */
  to?: string | null | undefined;
};

/** What a key may do (docs/disclosure.md). Every role reads Stats, regions and boards. */
export type Role =
  /** Everything, including issuing and revoking keys and reading the audit log. */
  | 'ADMIN'
  /** Reads everything, including case-level records (incidents, reviews, findings) and free text; no writes. */
  | 'ANALYST'
  /** Research partner: served a schema of its own (schema/partner.graphql) that reads figures only, one financial year at a time, broken down by the published dimensions (region, board, period). Counts from 1 to 5 are SUPPRESSED, with secondary suppression so none can be worked out from totals or siblings; no case-level records, free text or author names, and no filter or ordering over them; every request is recorded in the audit log. */
  | 'PARTNER'
  /** Reads everything; creates, corrects and imports data. */
  | 'STEWARD';

export type AtlasBoardsQueryVariables = Exact<{
  period: PeriodInput;
  from: string;
  to: string;
  after?: string | null | undefined;
}>;


export type AtlasBoardsQuery = { boards: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { code: string, name: string, region: { name: string }, stats: { qualifyingDeaths: { value: number | null, status: FigureStatus }, reviewsInitiated: { value: number | null, status: FigureStatus } } } }> } };

export type AtlasRegionsQueryVariables = Exact<{
  period: PeriodInput;
}>;


export type AtlasRegionsQuery = { viewer: { role: Role }, nationalStats: { qualifyingDeaths: { value: number | null, status: FigureStatus }, reviewsInitiated: { value: number | null, status: FigureStatus }, reviewsPerQualifyingDeath: { value: number | null, status: FigureStatus } }, regions: { edges: Array<{ node: { code: string, name: string, stats: { deathRate: { value: number | null, status: FigureStatus }, reviewRate: { value: number | null, status: FigureStatus }, reviewsEvaluated: { value: number | null, status: FigureStatus }, inadequateShare: { value: number | null, status: FigureStatus } } } }> } };

export type AtlasSilentBoardsQueryVariables = Exact<{
  period: PeriodInput;
  after?: string | null | undefined;
}>;


export type AtlasSilentBoardsQuery = { silentBoards: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ qualifyingDeaths: { value: number | null, status: FigureStatus }, node: { code: string, name: string, region: { name: string } } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AtlasBoardsDocument = new TypedDocumentString(`
    query AtlasBoards($period: PeriodInput!, $from: Date!, $to: Date!, $after: String) {
  boards(
    first: 100
    after: $after
    orderBy: [{field: CODE}]
    where: {inForceFrom: {lte: $to}, OR: [{inForceTo: {isNull: true}}, {inForceTo: {gte: $from}}]}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        code
        name
        region {
          name
        }
        stats(period: $period) {
          qualifyingDeaths {
            value
            status
          }
          reviewsInitiated {
            value
            status
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:33442327bbb9e397c0b37a68ae2fccc9468643d9f1c904a97a143bf6b5f69033"}) as unknown as TypedDocumentString<AtlasBoardsQuery, AtlasBoardsQueryVariables>;
export const AtlasRegionsDocument = new TypedDocumentString(`
    query AtlasRegions($period: PeriodInput!) {
  viewer {
    role
  }
  nationalStats(period: $period) {
    qualifyingDeaths {
      value
      status
    }
    reviewsInitiated {
      value
      status
    }
    reviewsPerQualifyingDeath {
      value
      status
    }
  }
  regions(orderBy: [{field: CODE}]) {
    edges {
      node {
        code
        name
        stats(period: $period) {
          deathRate {
            value
            status
          }
          reviewRate {
            value
            status
          }
          reviewsEvaluated {
            value
            status
          }
          inadequateShare {
            value
            status
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:7f091777801ed6e1b9a376545705f906380c009901ffa9859fc17aa378cd4185"}) as unknown as TypedDocumentString<AtlasRegionsQuery, AtlasRegionsQueryVariables>;
export const AtlasSilentBoardsDocument = new TypedDocumentString(`
    query AtlasSilentBoards($period: PeriodInput!, $after: String) {
  silentBoards(period: $period, first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      qualifyingDeaths {
        value
        status
      }
      node {
        code
        name
        region {
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:9ba8f1ebd77b7db572d4b265c7c82cfbe1ed268e0bef1e27f186cb510d4a2bfd"}) as unknown as TypedDocumentString<AtlasSilentBoardsQuery, AtlasSilentBoardsQueryVariables>;