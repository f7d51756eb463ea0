// Step 6: the key's role chooses the schema the request is parsed, validated and run against: the full schema
// for roles that see case-level records, the research partner's statistical surface (src/schema/access/surface.ts)
// for every other role. A document naming a field outside the role's schema fails validation exactly as a
// field that does not exist.
import type express from "express";
import { capabilitiesOf } from "../domain/roles";
import { requestOf } from "./request-state";

export function chooseSchema(handlers: { full: express.RequestHandler; statistical: express.RequestHandler }): express.RequestHandler {
  return (req, res, next) => {
    const { viewer } = requestOf(res);
    return (viewer && capabilitiesOf(viewer.role).caseLevelRecords ? handlers.full : handlers.statistical)(req, res, next);
  };
}
