// The desk's delta rules (src/protocol/deskVersions.ts), without a browser: the file is pure, so it is transpiled
// here with the project's TypeScript and imported. Run by npm run build:web (node --test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ts from "typescript";

const source = readFileSync(new URL("../src/protocol/deskVersions.ts", import.meta.url), "utf8");
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020 } }).outputText;
const { judgeDelta } = await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);

test("within an epoch: the next version applies, a seen one is ignored, a jump reloads", () => {
  const held = { epoch: "a", version: 7 };
  assert.equal(judgeDelta(held, { epoch: "a", version: 8 }), "apply");
  assert.equal(judgeDelta(held, { epoch: "a", version: 7 }), "ignore");
  assert.equal(judgeDelta(held, { epoch: "a", version: 3 }), "ignore");
  assert.equal(judgeDelta(held, { epoch: "a", version: 10 }), "reload");
});

test("a reactivated desk (new epoch, counting from 0 again) reloads even though its version is smaller", () => {
  const held = { epoch: "a", version: 40 };
  assert.equal(judgeDelta(held, { epoch: "b", version: 1 }), "reload");
  assert.equal(judgeDelta(held, { epoch: "b", version: 41 }), "reload");
});

test("a server without epochs is one epoch: the rules by version alone, as before", () => {
  const held = { version: 5 };
  assert.equal(judgeDelta(held, { version: 6 }), "apply");
  assert.equal(judgeDelta(held, { version: 5 }), "ignore");
  assert.equal(judgeDelta(held, { version: 9 }), "reload");
  // The first server with epochs (a rolling upgrade) is a change of epoch: read the snapshot again.
  assert.equal(judgeDelta(held, { epoch: "b", version: 6 }), "reload");
});
