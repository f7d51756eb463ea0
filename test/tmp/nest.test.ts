import { startTestServer } from "../helpers/server";
test("nest", async () => {
  const t = await startTestServer({ seeded: false });
  for (const role of ["PARTNER", "ANALYST"] as const) for (const depth of [100, 1000, 10000, 40000]) for (const [o, c] of [["[", "]"], ['{"a":', "}"]]) {
    const body = o.repeat(depth) + "1" + c.repeat(depth);
    const r = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${t.keys[role]}` }, body: `{"query":"query Count { regions { totalCount } }","variables":{"where":${body}}}` });
    console.log(role, depth, o, r.status, (await r.text()).slice(0, 200));
  }
  await t.close();
}, 60000);
