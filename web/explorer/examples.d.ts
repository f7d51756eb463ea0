// The examples of docs/queries, embedded by scripts/build-web.mjs at build time.
declare module "virtual:examples" {
  const examples: { file: string; title: string; text: string }[];
  export default examples;
}
