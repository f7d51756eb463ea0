/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AtlasBoards($period: PeriodInput!, $from: Date!, $to: Date!, $after: String) {\n  boards(\n    first: 100\n    after: $after\n    orderBy: [{field: CODE}]\n    where: {inForceFrom: {lte: $to}, OR: [{inForceTo: {isNull: true}}, {inForceTo: {gte: $from}}]}\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        code\n        name\n        region {\n          name\n        }\n        stats(period: $period) {\n          qualifyingDeaths {\n            value\n            status\n          }\n          reviewsInitiated {\n            value\n            status\n          }\n        }\n      }\n    }\n  }\n}": typeof types.AtlasBoardsDocument,
    "query AtlasRegions($period: PeriodInput!) {\n  viewer {\n    role\n  }\n  nationalStats(period: $period) {\n    qualifyingDeaths {\n      value\n      status\n    }\n    reviewsInitiated {\n      value\n      status\n    }\n    reviewsPerQualifyingDeath {\n      value\n      status\n    }\n  }\n  regions(orderBy: [{field: CODE}]) {\n    edges {\n      node {\n        code\n        name\n        stats(period: $period) {\n          deathRate {\n            value\n            status\n          }\n          reviewRate {\n            value\n            status\n          }\n          reviewsEvaluated {\n            value\n            status\n          }\n          inadequateShare {\n            value\n            status\n          }\n        }\n      }\n    }\n  }\n}": typeof types.AtlasRegionsDocument,
    "query AtlasSilentBoards($period: PeriodInput!, $after: String) {\n  silentBoards(period: $period, first: 100, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      qualifyingDeaths {\n        value\n        status\n      }\n      node {\n        code\n        name\n        region {\n          name\n        }\n      }\n    }\n  }\n}": typeof types.AtlasSilentBoardsDocument,
};
const documents: Documents = {
    "query AtlasBoards($period: PeriodInput!, $from: Date!, $to: Date!, $after: String) {\n  boards(\n    first: 100\n    after: $after\n    orderBy: [{field: CODE}]\n    where: {inForceFrom: {lte: $to}, OR: [{inForceTo: {isNull: true}}, {inForceTo: {gte: $from}}]}\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        code\n        name\n        region {\n          name\n        }\n        stats(period: $period) {\n          qualifyingDeaths {\n            value\n            status\n          }\n          reviewsInitiated {\n            value\n            status\n          }\n        }\n      }\n    }\n  }\n}": types.AtlasBoardsDocument,
    "query AtlasRegions($period: PeriodInput!) {\n  viewer {\n    role\n  }\n  nationalStats(period: $period) {\n    qualifyingDeaths {\n      value\n      status\n    }\n    reviewsInitiated {\n      value\n      status\n    }\n    reviewsPerQualifyingDeath {\n      value\n      status\n    }\n  }\n  regions(orderBy: [{field: CODE}]) {\n    edges {\n      node {\n        code\n        name\n        stats(period: $period) {\n          deathRate {\n            value\n            status\n          }\n          reviewRate {\n            value\n            status\n          }\n          reviewsEvaluated {\n            value\n            status\n          }\n          inadequateShare {\n            value\n            status\n          }\n        }\n      }\n    }\n  }\n}": types.AtlasRegionsDocument,
    "query AtlasSilentBoards($period: PeriodInput!, $after: String) {\n  silentBoards(period: $period, first: 100, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      qualifyingDeaths {\n        value\n        status\n      }\n      node {\n        code\n        name\n        region {\n          name\n        }\n      }\n    }\n  }\n}": types.AtlasSilentBoardsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AtlasBoards($period: PeriodInput!, $from: Date!, $to: Date!, $after: String) {\n  boards(\n    first: 100\n    after: $after\n    orderBy: [{field: CODE}]\n    where: {inForceFrom: {lte: $to}, OR: [{inForceTo: {isNull: true}}, {inForceTo: {gte: $from}}]}\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        code\n        name\n        region {\n          name\n        }\n        stats(period: $period) {\n          qualifyingDeaths {\n            value\n            status\n          }\n          reviewsInitiated {\n            value\n            status\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').AtlasBoardsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AtlasRegions($period: PeriodInput!) {\n  viewer {\n    role\n  }\n  nationalStats(period: $period) {\n    qualifyingDeaths {\n      value\n      status\n    }\n    reviewsInitiated {\n      value\n      status\n    }\n    reviewsPerQualifyingDeath {\n      value\n      status\n    }\n  }\n  regions(orderBy: [{field: CODE}]) {\n    edges {\n      node {\n        code\n        name\n        stats(period: $period) {\n          deathRate {\n            value\n            status\n          }\n          reviewRate {\n            value\n            status\n          }\n          reviewsEvaluated {\n            value\n            status\n          }\n          inadequateShare {\n            value\n            status\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').AtlasRegionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AtlasSilentBoards($period: PeriodInput!, $after: String) {\n  silentBoards(period: $period, first: 100, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      qualifyingDeaths {\n        value\n        status\n      }\n      node {\n        code\n        name\n        region {\n          name\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').AtlasSilentBoardsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
