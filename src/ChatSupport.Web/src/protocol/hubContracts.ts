// Each hub's methods as TypeScript signatures (arguments → answer) and each event's payload, so a call with the
// wrong arguments, or a handler expecting the wrong payload, fails to compile. Types only.
import type { AgentHubMethods, ClientEvents, VisitorHubMethods } from "./hubNames";
import type { WidgetSettingsView } from "./settings";
import type {
  AgentInbox, AgentNotified, ChatLabel, ChatNote, ChatReview, NotePosted, KnowledgeArticle, LearnedAnswer, Suggestion, SuggestionChoice, SuggestionSet, SuggestionStats, AutomaticAnswerStats,
  ChatSessionSnapshot, CloseChatResult, DeskDelta, DeskSnapshot, MessageAck, MessagePage, MessagePosted, QueuePositionChanged, QuickReply, ApiKeyInfo, ApiKeyScope, CreatedApiKey,
  ReceiptsChanged, ResumeResult, SessionChanged, TeamMember, TypingChanged,
  AddedOperator, AgentPreferences, AgentStatus, AuditEntry, RoutingSettings, TeamOperator, VisitorMessagePage, VisitorMessagePosted,
  VisitorMetadata, VisitorResumeResult, VisitorSessionChanged, VisitorSessionView, VisitorStartChatResult,
} from "./wireTypes";

/**
 * The calls both hubs answer alike (docs/protocol.md: "as on the visitor hub"), each in its party's view: the visitor
 * gets VisitorMessagePage and VisitorSessionView, agents the full MessagePage and ChatSessionSnapshot.
 */
interface SessionCalls<Page, Session> {
  SendMessage(sessionId: string, clientMessageId: string, text: string): MessageAck;
  GetHistory(sessionId: string, afterSeq: number, max: number): Page;
  GetSession(sessionId: string): Session;
  SetTyping(sessionId: string, isTyping: boolean): void;
  Acknowledge(sessionId: string, deliveredUpTo: number, readUpTo: number): void;
}

export interface VisitorHubCalls extends SessionCalls<VisitorMessagePage, VisitorSessionView> {
  StartChat(metadata: VisitorMetadata | null): VisitorStartChatResult;
  Resume(sessionId: string, afterSeq: number): VisitorResumeResult;
  CloseChat(sessionId: string): VisitorSessionView;
  RateChat(sessionId: string, stars: number, feedback: string | null, anonymous: boolean): VisitorSessionView;
  TalkToPerson(sessionId: string): VisitorSessionView;
}

export interface AgentHubCalls extends SessionCalls<MessagePage, ChatSessionSnapshot> {
  GetDesk(): DeskSnapshot;
  GetDeskPage(cursor: string): DeskSnapshot;
  CloseChats(sessionIds: string[]): CloseChatResult[];
  OpenChat(sessionId: string, afterSeq: number): ResumeResult;
  LeaveChat(sessionId: string): void;
  AssignToMe(sessionId: string): ChatSessionSnapshot;
  AssignTo(sessionId: string, agentId: string): ChatSessionSnapshot;
  Transfer(sessionId: string, toAgentId: string, note: string | null): ChatSessionSnapshot;
  Resolve(sessionId: string): ChatSessionSnapshot;
  GetTeam(): TeamMember[];
  GetVisitorChats(visitorId: string): ChatSessionSnapshot[];
  GetQuickReplies(): QuickReply[];
  SaveQuickReply(id: string | null, shortcut: string, text: string): QuickReply;
  DeleteQuickReply(id: string): void;
  GetApiKeys(): ApiKeyInfo[];
  CreateApiKey(name: string, scopes: ApiKeyScope[]): CreatedApiKey;
  RevokeApiKey(keyId: string): ApiKeyInfo;
  AddNote(sessionId: string, clientNoteId: string, text: string): ChatNote;
  GetNotes(sessionId: string): ChatNote[];
  GetLabels(): ChatLabel[];
  SaveLabel(id: string | null, name: string, color: string): ChatLabel;
  DeleteLabel(id: string): void;
  AddLabel(sessionId: string, labelId: string): ChatSessionSnapshot;
  RemoveLabel(sessionId: string, labelId: string): ChatSessionSnapshot;
  Reopen(sessionId: string): ChatSessionSnapshot;
  SetFollowUp(sessionId: string, dueAt: string): ChatSessionSnapshot;
  GetInbox(): AgentInbox;
  MarkNotificationsRead(): void;
  GetReviews(): ChatReview[];
  MarkReviewed(sessionId: string, note: string): ChatReview;
  GetArticles(): KnowledgeArticle[];
  SaveArticle(id: string | null, title: string, body: string, tags: string[] | null): KnowledgeArticle;
  DeleteArticle(id: string): void;
  ImportArticles(format: "json" | "csv", content: string): number;
  SearchKnowledge(query: string): Suggestion[];
  GetSuggestions(sessionId: string): SuggestionSet;
  RecordSuggestionChoice(sessionId: string, choice: SuggestionChoice): void;
  GetSuggestionStats(): SuggestionStats[];
  GetAutomaticAnswerStats(): AutomaticAnswerStats[];
  GetLearnedAnswers(): LearnedAnswer[];
  ApproveLearnedAnswer(id: string): LearnedAnswer;
  MarkGoodAnswer(sessionId: string): void;
  DiscardLearnedAnswer(id: string): void;
  SetMyStatus(status: "online" | "away"): AgentStatus;
  GetOperators(): TeamOperator[];
  AddOperator(username: string, displayName: string, roles: string[]): AddedOperator;
  SetOperatorRoles(username: string, roles: string[]): TeamOperator;
  SetOperatorDisabled(username: string, disabled: boolean): TeamOperator;
  ResetOperatorPassword(username: string): string;
  SetAgentCapacity(agentId: string, capacity: number | null): TeamOperator;
  GetRouting(): RoutingSettings;
  SaveRouting(settings: RoutingSettings): RoutingSettings;
  GetTeamAudit(): AuditEntry[];
  GetPreferences(): AgentPreferences;
  SavePreferences(preferences: AgentPreferences): AgentPreferences;
}

/** The events of the agent hub, with their payloads (onServerEvent). */
export interface ClientEventPayloads {
  MessagePosted: MessagePosted;
  SessionChanged: SessionChanged;
  TypingChanged: TypingChanged;
  ReceiptsChanged: ReceiptsChanged;
  QueuePositionChanged: QueuePositionChanged;
  DeskChanged: DeskDelta;
  NotePosted: NotePosted;
  AgentNotified: AgentNotified;
}

/** The events of the visitor hub (onVisitorEvent): messages and the session in the visitor's view. */
export interface VisitorEventPayloads {
  MessagePosted: VisitorMessagePosted;
  SessionChanged: VisitorSessionChanged;
  TypingChanged: TypingChanged;
  ReceiptsChanged: ReceiptsChanged;
  QueuePositionChanged: QueuePositionChanged;
  /** The workspace saved its settings: the widget's view, as GET /api/visitor/settings answers it now. */
  SettingsChanged: WidgetSettingsView;
}

/** Events of the visitor hub alone: agents read the settings on the Settings page. */
type VisitorOnlyEvents = "SettingsChanged";

/** Events of the agent hub alone: the visitor hub never sends them (a note never reaches a visitor). */
type AgentOnlyEvents = "DeskChanged" | "NotePosted" | "AgentNotified";

// The name tables and the signatures must list the same names: a method added to one and not the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type NamesMatch = [
  Assert<Same<keyof VisitorHubCalls, keyof typeof VisitorHubMethods>>,
  Assert<Same<keyof AgentHubCalls, keyof typeof AgentHubMethods>>,
  Assert<Same<keyof ClientEventPayloads, Exclude<keyof typeof ClientEvents, VisitorOnlyEvents>>>,
  Assert<Same<keyof VisitorEventPayloads, Exclude<keyof typeof ClientEvents, AgentOnlyEvents>>>,
];
