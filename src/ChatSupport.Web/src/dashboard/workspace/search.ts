// The workspace's one search box over the open chats: every word must be found in the visitor's name or email, or in
// the text of the chat's newest message (the desk's preview). Live: the queue filters as the agent types.
import type { SessionSummary } from "../../protocol";

export function searchWords(query: string): string[] {
  return query.toLocaleLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

export function matchesSearch(s: SessionSummary, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = [s.visitor?.name, s.visitor?.email, s.lastMessage?.text].filter(Boolean).join(" \u0000 ").toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}
