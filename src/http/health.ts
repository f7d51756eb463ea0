// /health (the process is up) and /health/ready (the database answers): no key needed, no GraphQL.
import express from "express";
import type { Database } from "../db";
import { readiness } from "./availability";

export function healthRoutes(database: Database): express.Router {
  const router = express.Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/health/ready", async (_req, res) => {
    const { status, body } = await readiness(database);
    res.status(status).json(body);
  });
  return router;
}
