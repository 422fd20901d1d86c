// The widget's whole look, inside its shadow root. `:host { all: initial !important }` cuts every inherited
// property of the host page (important declarations of a shadow tree win over the page's, even `!important`
// ones), and the page's selectors cannot reach into the shadow tree. Sizes are in px, never rem.
export const css = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  right: 20px !important;
  bottom: 20px !important;
  left: auto !important;
  top: auto !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  z-index: 2147483000 !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
}
*, *::before, *::after { box-sizing: border-box; }
.root {
  font: 400 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2328;
  -webkit-font-smoothing: antialiased;
  text-align: left;
  letter-spacing: normal;
}
button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.launcher {
  display: flex; align-items: center; justify-content: center;
  width: 56px; height: 56px; border-radius: 50%; border: 0; padding: 0;
  background: var(--cs-p, #2563eb); color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  margin-left: auto;
}
.launcher:hover { filter: brightness(.9); }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; background: #dc2626; color: #fff; font-size: 12px; line-height: 20px; text-align: center;
}
.panel {
  display: flex; flex-direction: column;
  width: 360px; height: 540px; max-height: calc(100vh - 100px);
  margin-bottom: 12px; border-radius: 12px; overflow: hidden;
  background: #fff; box-shadow: 0 8px 30px rgba(0,0,0,.25); border: 1px solid #d0d7de;
}
.panel[hidden], [hidden] { display: none !important; }
.head { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--cs-p, #2563eb); color: #fff; }
.head h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; line-height: 1.3; }
.head button { background: transparent; border: 0; color: #fff; padding: 4px; border-radius: 6px; display: flex; }
.status { padding: 8px 14px; background: #eff6ff; color: #1e3a8a; font-size: 13px; border-bottom: 1px solid #dbeafe; min-height: 35px; }
.body { flex: 1; overflow-y: auto; padding: 12px 14px; display: flex; flex-direction: column; gap: 8px; background: #f6f8fa; }
.log { display: flex; flex-direction: column; gap: 8px; margin: 0; padding: 0; list-style: none; }
.msg { max-width: 82%; display: flex; flex-direction: column; }
.msg.visitor { align-self: flex-end; align-items: flex-end; }
.msg.agent, .msg.system { align-self: flex-start; }
.bubble { padding: 8px 11px; border-radius: 14px; white-space: pre-wrap; word-break: break-word; }
.visitor .bubble { background: var(--cs-p, #2563eb); color: #fff; border-bottom-right-radius: 4px; }
.system .bubble { background: #eaeef2; border-bottom-left-radius: 4px; }
.agent .bubble { background: #fff; border: 1px solid #d0d7de; border-bottom-left-radius: 4px; }
.meta { font-size: 11px; color: #57606a; margin-top: 2px; display: flex; gap: 6px; align-items: center; }
.meta button { border: 0; background: none; color: #b91c1c; text-decoration: underline; padding: 0; font-size: 11px; }
.failed .bubble { background: #fee2e2; color: #7f1d1d; }
.file-card { display: flex; flex-direction: column; gap: 4px; padding: 8px; border: 1px solid #d0d7de; border-radius: 10px; background: #fff; color: #1f2328; }
.file-card .thumb { max-width: 200px; height: auto; border-radius: 6px; }
.file-open { color: #0550ae; font-weight: 600; word-break: break-all; }
.file-meta { font-size: 12px; color: #59636e; }
.uploading progress { width: 120px; }
.attach { height: 40px; padding: 0 8px; }
.note { align-self: center; font-size: 12px; color: #57606a; background: #eaeef2; border-radius: 10px; padding: 3px 10px; }
.typing { font-size: 12px; color: #57606a; font-style: italic; min-height: 17px; }
.intro { display: flex; flex-direction: column; gap: 10px; }
.intro p { margin: 0; }
label { display: block; font-size: 13px; font-weight: 600; margin-bottom: 3px; }
.field input, .field textarea {
  width: 100%; padding: 8px 10px; border: 1px solid #8c959f; border-radius: 8px; background: #fff; font-size: 14px;
}
.primary { background: var(--cs-p, #2563eb); color: #fff; border: 0; border-radius: 8px; padding: 9px 14px; font-weight: 600; }
.primary:disabled { background: #93c5fd; cursor: default; }
.secondary { background: #fff; color: #1f2328; border: 1px solid #8c959f; border-radius: 8px; padding: 7px 12px; }
.composer { display: flex; gap: 8px; align-items: flex-end; padding: 10px; border-top: 1px solid #d0d7de; background: #fff; }
.composer textarea {
  flex: 1; resize: none; height: 40px; max-height: 120px; padding: 9px 10px;
  border: 1px solid #8c959f; border-radius: 8px; font-size: 14px; background: #fff;
}
.composer .primary { height: 40px; }
.rating { display: flex; flex-direction: column; gap: 10px; background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 12px; }
.rating fieldset { border: 0; margin: 0; padding: 0; }
.rating legend { font-weight: 600; margin-bottom: 6px; padding: 0; }
.stars { display: flex; gap: 4px; }
.stars input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.stars label { margin: 0; font-size: 28px; line-height: 1; color: #c9d1d9; cursor: pointer; font-weight: 400; padding: 2px; border-radius: 4px; }
.stars label.on { color: #f59e0b; }
.stars input:focus-visible + label { outline: 3px solid #f59e0b; }
.check { display: flex; gap: 6px; align-items: center; font-weight: 400; }
.error { color: #b91c1c; font-size: 13px; margin: 0; }
.error:empty { display: none; }
.thanks { text-align: center; padding: 16px 8px; background: #fff; border-radius: 10px; border: 1px solid #d0d7de; }
.head .secondary { padding: 3px 8px; font-size: 12px; color: #1f2328; background: #fff; }
/* The visitor's dark theme (their system's choice): the same layout, dark surfaces, every text still 4.5:1. */
@media (prefers-color-scheme: dark) {
  .root, .agent .bubble, .file-card, .rating, .thanks, .composer, .panel { color: #e6edf3; }
  .panel, .composer, .rating, .thanks, .agent .bubble, .file-card { background: #0d1117; border-color: #30363d; }
  .body { background: #161b22; }
  .status { background: #0c2d6b; color: #dbeafe; border-color: #1e3a8a; }
  .system .bubble, .note { background: #30363d; color: #e6edf3; }
  .meta, .typing, .file-meta { color: #9198a1; }
  .field input, .field textarea, .composer textarea, .secondary, .head .secondary { background: #0d1117; color: #e6edf3; border-color: #6e7681; }
  .file-open { color: #4493f8; }
  .error, .meta button { color: #f85149; }
}
@media (max-width: 480px) {
  .open .launcher { display: none; }
  .panel { position: fixed; inset: 0; width: 100vw; height: 100%; max-height: none; margin: 0; border-radius: 0; border: 0; }
}
`;
