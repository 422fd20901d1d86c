// Build check (npm run build:web): hub method and server event names are written once, in src/protocol/hubNames.ts.
// Anywhere else under src/ a call or subscription must use the constants (VisitorHubMethods.StartChat,
// ClientEvents.DeskChanged…), so a renamed method is one edit and a typo cannot compile. This fails the build on:
//   - .invoke("…"), .send("…"), .stream("…") with any string literal (also after type arguments: .invoke<T>("…"));
//   - .on("…") / .off("…") with a known event name (d3's .on("zoom") is not ours);
//   - callAgentHub / callVisitorHub / onServerEvent / onVisitorEvent given a string literal as the name;
//   - a known multi-word name ("GetDesk", "DeskChanged") as a string literal anywhere. One-word names ("Resolve",
//     "Transfer") are also button labels, so those are caught by the call rules above only.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const protocolDir = join(src, "protocol");

// The known names: every `Name: "Name"` entry of the constant tables.
const names = new Set([...readFileSync(join(protocolDir, "hubNames.ts"), "utf8").matchAll(/^\s+(\w+): "\1",$/gm)].map((m) => m[1]));
if (names.size < 20) throw new Error(`check-protocol-names: read only ${names.size} names from hubNames.ts`);
const multiWord = [...names].filter((n) => /^[A-Z][a-z]+[A-Z]/.test(n));
const alternatives = (list) => list.map((n) => n.replace(/\W/g, "")).join("|");
const quote = "[\"'`]";

const rules = [
  { why: "a hub call by string", re: new RegExp(`\\.(?:invoke|send|stream)\\s*(?:<[^>()]*>)?\\s*\\(\\s*${quote}`) },
  { why: "an event subscription by string", re: new RegExp(`\\.(?:on|off)\\s*\\(\\s*${quote}(?:${alternatives([...names])})${quote}`) },
  { why: "a typed helper given a string", re: new RegExp(`\\b(?:callAgentHub|callVisitorHub|onServerEvent|onVisitorEvent)\\s*\\([^,]+,\\s*${quote}`) },
  { why: "a hub or event name as a string", re: new RegExp(`${quote}(?:${alternatives(multiWord)})${quote}`) },
];

function* tsFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) { if (path !== protocolDir) yield* tsFiles(path); }
    else if (/\.ts$/.test(entry)) yield path;
  }
}

// Comments may name methods freely: drop them (a "//" right after ":" is a URL inside a string, kept).
const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:])\/\/.*$/gm, "$1");

const problems = [];
for (const file of tsFiles(src)) {
  withoutComments(readFileSync(file, "utf8")).split("\n").forEach((line, i) => {
    for (const rule of rules) if (rule.re.test(line)) problems.push(`${relative(root, file).split(sep).join("/")}:${i + 1}: ${rule.why}: ${line.trim()}`);
  });
}
if (problems.length > 0) {
  console.error(`Hub method and event names belong in src/protocol/ (use its constants and callAgentHub/callVisitorHub/onServerEvent/onVisitorEvent):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`protocol names: ${names.size} known, none written as a string outside src/protocol/`);
