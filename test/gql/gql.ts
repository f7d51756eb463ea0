/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "query KeysViewer { viewer { role label keyPrefix costBudget } }": typeof types.KeysViewerDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey { id prefix role label expiresAt revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n": typeof types.CreateKeyDocument,
    "\n  mutation RevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { prefix revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n": typeof types.RevokeKeyDocument,
    "\n  query KeyEvents($entityId: String) {\n    auditEvents(first: 10, where: { entity: \"ApiKey\", entityId: $entityId }) {\n      totalCount\n      edges { node { action actor actorKey { prefix } entityId before after requestId at } }\n    }\n  }\n": typeof types.KeyEventsDocument,
    "\n        query A1 {\n          received: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" } } }) { totalCount }\n          inadequate: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) { totalCount }\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-01-31\" }) { reviewsReceived { value } }\n        }\n      ": typeof types.A1Document,
    "\n        query A2 {\n          nonCooperation: reviews(\n            where: {\n              evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } }\n              hasFinding: { source: { eq: EVALUATION }, category: { eq: PARTNER_NON_COOPERATION } }\n            }\n          ) { totalCount }\n          inadequate: reviews(first: 20, where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) {\n            edges { node { reference findings(source: EVALUATION) { category } } }\n          }\n        }\n      ": typeof types.A2Document,
    "\n        query A3 {\n          silentBoards(period: { from: \"2006-04-01\", to: \"2007-10-31\" }) { totalCount }\n          inForce: boards(where: { inForceFrom: { lte: \"2006-04-01\" }, OR: [{ inForceTo: { isNull: true } }, { inForceTo: { gte: \"2007-10-31\" } }] }) { totalCount }\n        }\n      ": typeof types.A3Document,
    "\n        query A4 {\n          regions { edges { node { name stats(period: { financialYear: \"2007-08\" }) { seriousIncidents { value } deaths { value } } } } }\n        }\n      ": typeof types.A4Document,
    "\n        query A5A6 {\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-08-31\" }) {\n            seriousIncidents { value } deaths { value } seriousHarm { value } natureNotKnown { value }\n            reviewsEvaluated { value } inadequateReviews { value } inadequateShare { value numerator denominator }\n          }\n        }\n      ": typeof types.A5A6Document,
    "\n        query A7 {\n          nationalStats(period: { from: \"2008-09-01\", to: \"2009-02-28\" }) {\n            reviewsEvaluated { value }\n            evaluatedByGrade { grade count { value } }\n          }\n        }\n      ": typeof types.A7Document,
    "\n        query A8 {\n          incidents(where: { nature: { eq: DEATH }, occurredOn: { gte: \"2007-01-01\", lte: \"2007-12-31\" }, hasReview: true }) { totalCount }\n        }\n      ": typeof types.A8Document,
    "\n        query A9 {\n          before: reviews(where: { evaluation: { grade: { eq: OUTSTANDING }, evaluatedOn: { lt: \"2009-10-07\" } } }) { totalCount }\n          ever: reviews(where: { evaluation: { grade: { eq: OUTSTANDING } } }) { totalCount }\n        }\n      ": typeof types.A9Document,
    "query HttpRegions { regions { totalCount } }": typeof types.HttpRegionsDocument,
    "query Page($after: String) { boards(first: 60, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }": typeof types.PageDocument,
    "\n  query FixtureStats($period: PeriodInput!) {\n    nationalStats(period: $period) { ...AllStats }\n    regions(first: 10) { edges { node { code stats(period: $period) { ...AllStats } } } }\n    boards(first: 10, orderBy: [{ field: CODE }]) { edges { node { code stats(period: $period) { ...AllStats } } } }\n  }\n  fragment AllStats on Stats {\n    period { from to }\n    populationYear\n    childPopulation { value status }\n    seriousIncidents { value status }\n    deaths { value }\n    seriousHarm { value }\n    natureNotKnown { value }\n    qualifyingDeaths { value }\n    reviewsInitiated { value }\n    reviewsCompleted { value }\n    reviewsReceived { value }\n    reviewsEvaluated { value }\n    inadequateReviews { value }\n    inadequateShare { value status numerator denominator }\n    deathRate { value status numerator denominator }\n    reviewRate { value status numerator denominator }\n    reviewsPerQualifyingDeath { value status numerator denominator }\n    reviewCoverage { value status numerator denominator }\n  }\n": typeof types.FixtureStatsDocument,
    "query BadPeriod($period: PeriodInput!) { nationalStats(period: $period) { deaths { value } } }": typeof types.BadPeriodDocument,
};
const documents: Documents = {
    "query KeysViewer { viewer { role label keyPrefix costBudget } }": types.KeysViewerDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey { id prefix role label expiresAt revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n": types.CreateKeyDocument,
    "\n  mutation RevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { prefix revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n": types.RevokeKeyDocument,
    "\n  query KeyEvents($entityId: String) {\n    auditEvents(first: 10, where: { entity: \"ApiKey\", entityId: $entityId }) {\n      totalCount\n      edges { node { action actor actorKey { prefix } entityId before after requestId at } }\n    }\n  }\n": types.KeyEventsDocument,
    "\n        query A1 {\n          received: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" } } }) { totalCount }\n          inadequate: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) { totalCount }\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-01-31\" }) { reviewsReceived { value } }\n        }\n      ": types.A1Document,
    "\n        query A2 {\n          nonCooperation: reviews(\n            where: {\n              evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } }\n              hasFinding: { source: { eq: EVALUATION }, category: { eq: PARTNER_NON_COOPERATION } }\n            }\n          ) { totalCount }\n          inadequate: reviews(first: 20, where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) {\n            edges { node { reference findings(source: EVALUATION) { category } } }\n          }\n        }\n      ": types.A2Document,
    "\n        query A3 {\n          silentBoards(period: { from: \"2006-04-01\", to: \"2007-10-31\" }) { totalCount }\n          inForce: boards(where: { inForceFrom: { lte: \"2006-04-01\" }, OR: [{ inForceTo: { isNull: true } }, { inForceTo: { gte: \"2007-10-31\" } }] }) { totalCount }\n        }\n      ": types.A3Document,
    "\n        query A4 {\n          regions { edges { node { name stats(period: { financialYear: \"2007-08\" }) { seriousIncidents { value } deaths { value } } } } }\n        }\n      ": types.A4Document,
    "\n        query A5A6 {\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-08-31\" }) {\n            seriousIncidents { value } deaths { value } seriousHarm { value } natureNotKnown { value }\n            reviewsEvaluated { value } inadequateReviews { value } inadequateShare { value numerator denominator }\n          }\n        }\n      ": types.A5A6Document,
    "\n        query A7 {\n          nationalStats(period: { from: \"2008-09-01\", to: \"2009-02-28\" }) {\n            reviewsEvaluated { value }\n            evaluatedByGrade { grade count { value } }\n          }\n        }\n      ": types.A7Document,
    "\n        query A8 {\n          incidents(where: { nature: { eq: DEATH }, occurredOn: { gte: \"2007-01-01\", lte: \"2007-12-31\" }, hasReview: true }) { totalCount }\n        }\n      ": types.A8Document,
    "\n        query A9 {\n          before: reviews(where: { evaluation: { grade: { eq: OUTSTANDING }, evaluatedOn: { lt: \"2009-10-07\" } } }) { totalCount }\n          ever: reviews(where: { evaluation: { grade: { eq: OUTSTANDING } } }) { totalCount }\n        }\n      ": types.A9Document,
    "query HttpRegions { regions { totalCount } }": types.HttpRegionsDocument,
    "query Page($after: String) { boards(first: 60, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }": types.PageDocument,
    "\n  query FixtureStats($period: PeriodInput!) {\n    nationalStats(period: $period) { ...AllStats }\n    regions(first: 10) { edges { node { code stats(period: $period) { ...AllStats } } } }\n    boards(first: 10, orderBy: [{ field: CODE }]) { edges { node { code stats(period: $period) { ...AllStats } } } }\n  }\n  fragment AllStats on Stats {\n    period { from to }\n    populationYear\n    childPopulation { value status }\n    seriousIncidents { value status }\n    deaths { value }\n    seriousHarm { value }\n    natureNotKnown { value }\n    qualifyingDeaths { value }\n    reviewsInitiated { value }\n    reviewsCompleted { value }\n    reviewsReceived { value }\n    reviewsEvaluated { value }\n    inadequateReviews { value }\n    inadequateShare { value status numerator denominator }\n    deathRate { value status numerator denominator }\n    reviewRate { value status numerator denominator }\n    reviewsPerQualifyingDeath { value status numerator denominator }\n    reviewCoverage { value status numerator denominator }\n  }\n": types.FixtureStatsDocument,
    "query BadPeriod($period: PeriodInput!) { nationalStats(period: $period) { deaths { value } } }": types.BadPeriodDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query KeysViewer { viewer { role label keyPrefix costBudget } }"): (typeof documents)["query KeysViewer { viewer { role label keyPrefix costBudget } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey { id prefix role label expiresAt revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey { id prefix role label expiresAt revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { prefix revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { prefix revokedAt active }\n      errors { __typename ... on UserError { message path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyEvents($entityId: String) {\n    auditEvents(first: 10, where: { entity: \"ApiKey\", entityId: $entityId }) {\n      totalCount\n      edges { node { action actor actorKey { prefix } entityId before after requestId at } }\n    }\n  }\n"): (typeof documents)["\n  query KeyEvents($entityId: String) {\n    auditEvents(first: 10, where: { entity: \"ApiKey\", entityId: $entityId }) {\n      totalCount\n      edges { node { action actor actorKey { prefix } entityId before after requestId at } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A1 {\n          received: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" } } }) { totalCount }\n          inadequate: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) { totalCount }\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-01-31\" }) { reviewsReceived { value } }\n        }\n      "): (typeof documents)["\n        query A1 {\n          received: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" } } }) { totalCount }\n          inadequate: reviews(where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) { totalCount }\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-01-31\" }) { reviewsReceived { value } }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A2 {\n          nonCooperation: reviews(\n            where: {\n              evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } }\n              hasFinding: { source: { eq: EVALUATION }, category: { eq: PARTNER_NON_COOPERATION } }\n            }\n          ) { totalCount }\n          inadequate: reviews(first: 20, where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) {\n            edges { node { reference findings(source: EVALUATION) { category } } }\n          }\n        }\n      "): (typeof documents)["\n        query A2 {\n          nonCooperation: reviews(\n            where: {\n              evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } }\n              hasFinding: { source: { eq: EVALUATION }, category: { eq: PARTNER_NON_COOPERATION } }\n            }\n          ) { totalCount }\n          inadequate: reviews(first: 20, where: { evaluation: { receivedOn: { gte: \"2007-04-01\", lte: \"2008-01-31\" }, grade: { eq: INADEQUATE } } }) {\n            edges { node { reference findings(source: EVALUATION) { category } } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A3 {\n          silentBoards(period: { from: \"2006-04-01\", to: \"2007-10-31\" }) { totalCount }\n          inForce: boards(where: { inForceFrom: { lte: \"2006-04-01\" }, OR: [{ inForceTo: { isNull: true } }, { inForceTo: { gte: \"2007-10-31\" } }] }) { totalCount }\n        }\n      "): (typeof documents)["\n        query A3 {\n          silentBoards(period: { from: \"2006-04-01\", to: \"2007-10-31\" }) { totalCount }\n          inForce: boards(where: { inForceFrom: { lte: \"2006-04-01\" }, OR: [{ inForceTo: { isNull: true } }, { inForceTo: { gte: \"2007-10-31\" } }] }) { totalCount }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A4 {\n          regions { edges { node { name stats(period: { financialYear: \"2007-08\" }) { seriousIncidents { value } deaths { value } } } } }\n        }\n      "): (typeof documents)["\n        query A4 {\n          regions { edges { node { name stats(period: { financialYear: \"2007-08\" }) { seriousIncidents { value } deaths { value } } } } }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A5A6 {\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-08-31\" }) {\n            seriousIncidents { value } deaths { value } seriousHarm { value } natureNotKnown { value }\n            reviewsEvaluated { value } inadequateReviews { value } inadequateShare { value numerator denominator }\n          }\n        }\n      "): (typeof documents)["\n        query A5A6 {\n          nationalStats(period: { from: \"2007-04-01\", to: \"2008-08-31\" }) {\n            seriousIncidents { value } deaths { value } seriousHarm { value } natureNotKnown { value }\n            reviewsEvaluated { value } inadequateReviews { value } inadequateShare { value numerator denominator }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A7 {\n          nationalStats(period: { from: \"2008-09-01\", to: \"2009-02-28\" }) {\n            reviewsEvaluated { value }\n            evaluatedByGrade { grade count { value } }\n          }\n        }\n      "): (typeof documents)["\n        query A7 {\n          nationalStats(period: { from: \"2008-09-01\", to: \"2009-02-28\" }) {\n            reviewsEvaluated { value }\n            evaluatedByGrade { grade count { value } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A8 {\n          incidents(where: { nature: { eq: DEATH }, occurredOn: { gte: \"2007-01-01\", lte: \"2007-12-31\" }, hasReview: true }) { totalCount }\n        }\n      "): (typeof documents)["\n        query A8 {\n          incidents(where: { nature: { eq: DEATH }, occurredOn: { gte: \"2007-01-01\", lte: \"2007-12-31\" }, hasReview: true }) { totalCount }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query A9 {\n          before: reviews(where: { evaluation: { grade: { eq: OUTSTANDING }, evaluatedOn: { lt: \"2009-10-07\" } } }) { totalCount }\n          ever: reviews(where: { evaluation: { grade: { eq: OUTSTANDING } } }) { totalCount }\n        }\n      "): (typeof documents)["\n        query A9 {\n          before: reviews(where: { evaluation: { grade: { eq: OUTSTANDING }, evaluatedOn: { lt: \"2009-10-07\" } } }) { totalCount }\n          ever: reviews(where: { evaluation: { grade: { eq: OUTSTANDING } } }) { totalCount }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpRegions { regions { totalCount } }"): (typeof documents)["query HttpRegions { regions { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Page($after: String) { boards(first: 60, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }"): (typeof documents)["query Page($after: String) { boards(first: 60, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FixtureStats($period: PeriodInput!) {\n    nationalStats(period: $period) { ...AllStats }\n    regions(first: 10) { edges { node { code stats(period: $period) { ...AllStats } } } }\n    boards(first: 10, orderBy: [{ field: CODE }]) { edges { node { code stats(period: $period) { ...AllStats } } } }\n  }\n  fragment AllStats on Stats {\n    period { from to }\n    populationYear\n    childPopulation { value status }\n    seriousIncidents { value status }\n    deaths { value }\n    seriousHarm { value }\n    natureNotKnown { value }\n    qualifyingDeaths { value }\n    reviewsInitiated { value }\n    reviewsCompleted { value }\n    reviewsReceived { value }\n    reviewsEvaluated { value }\n    inadequateReviews { value }\n    inadequateShare { value status numerator denominator }\n    deathRate { value status numerator denominator }\n    reviewRate { value status numerator denominator }\n    reviewsPerQualifyingDeath { value status numerator denominator }\n    reviewCoverage { value status numerator denominator }\n  }\n"): (typeof documents)["\n  query FixtureStats($period: PeriodInput!) {\n    nationalStats(period: $period) { ...AllStats }\n    regions(first: 10) { edges { node { code stats(period: $period) { ...AllStats } } } }\n    boards(first: 10, orderBy: [{ field: CODE }]) { edges { node { code stats(period: $period) { ...AllStats } } } }\n  }\n  fragment AllStats on Stats {\n    period { from to }\n    populationYear\n    childPopulation { value status }\n    seriousIncidents { value status }\n    deaths { value }\n    seriousHarm { value }\n    natureNotKnown { value }\n    qualifyingDeaths { value }\n    reviewsInitiated { value }\n    reviewsCompleted { value }\n    reviewsReceived { value }\n    reviewsEvaluated { value }\n    inadequateReviews { value }\n    inadequateShare { value status numerator denominator }\n    deathRate { value status numerator denominator }\n    reviewRate { value status numerator denominator }\n    reviewsPerQualifyingDeath { value status numerator denominator }\n    reviewCoverage { value status numerator denominator }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BadPeriod($period: PeriodInput!) { nationalStats(period: $period) { deaths { value } } }"): (typeof documents)["query BadPeriod($period: PeriodInput!) { nationalStats(period: $period) { deaths { value } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;