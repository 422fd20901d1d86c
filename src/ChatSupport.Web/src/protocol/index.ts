// The client protocol module: everything the visitor widget and the dashboard share about speaking to the server
// (docs/protocol.md, "The client protocol module"). Nothing here imports dashboard or widget code, so the widget's
// bundle stays small: it takes only what it uses.
export * from "./wireTypes";
export * from "./hubNames";
export * from "./hubContracts";
export * from "./typedHub";
export * from "./refusals";
export * from "./busyRetry";
export * from "./chatLog";
export * from "./deskVersions";
export * from "./connection";
export * from "./attachments";
export * from "./settings";
export * from "./webhooks";
