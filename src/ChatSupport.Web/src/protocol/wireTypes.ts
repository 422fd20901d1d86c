// The shapes that travel on the wire (docs/protocol.md), shared by the visitor widget and the dashboard. Types only:
// importing this file adds nothing to a bundle. Property names are camelCase, enums snake_case strings.

export type ChatStatus = "waiting_for_agent" | "assigned_to_agent" | "active_chat" | "resolved";
export type Party = "visitor" | "agent" | "system";

export interface VisitorLocation {
  city?: string | null; region?: string | null; country?: string | null; countryCode?: string | null;
  latitude?: number | null; longitude?: number | null;
}

/** What the widget sends with StartChat; `location` is the server's (whatever a client sends is ignored). */
export interface VisitorMetadata {
  name?: string | null; email?: string | null; browser?: string | null; operatingSystem?: string | null;
  userAgent?: string | null; pageUrl?: string | null; pageTitle?: string | null; referrer?: string | null;
  language?: string | null; timeZone?: string | null; location?: VisitorLocation | null;
}

export interface AgentRef { agentId: string; displayName: string; }

export interface ChatRating { stars: number; feedback?: string | null; anonymous: boolean; ratedAt: string; }

/** One row of the live desk (GetDesk, DeskChanged). */
export interface SessionSummary {
  sessionId: string; visitorId: string; status: ChatStatus; visitor: VisitorMetadata;
  assignedAgent?: AgentRef | null; createdAt: string; assignedAt?: string | null;
  aiConfidence?: number | null; queuePosition?: number | null;
  /** Label ids (GetLabels names them): the queue and the map filter by them. */
  labels?: string[];
  /** Started outside working hours (the widget's leave-a-message form): the queue marks it. */
  offlineMessage?: boolean;
  /** The newest visitor or agent message (never a note): the workspace's search and preview read it. */
  lastMessage?: MessagePreview | null;
  /** When the oldest visitor message no agent message has answered was sent (null: nothing waits for a reply). */
  awaitingReplySince?: string | null;
  /** Visitor messages since the last agent message. */
  unansweredCount?: number;
  /** The chat's running response-time targets (agents only): the dashboard counts down from dueAt itself. */
  targets?: TargetClock[];
  /** Re-route (agents only): the agents this chat was taken from for not answering, when it last came back to the
   *  queue, and when its agent's silence sends it back (null: re-route is off or no longer applies). */
  reRoutedFrom?: string[]; reRoutedAt?: string | null; reRouteDueAt?: string | null;
}

/** A chat's newest message as the desk lists it (at most 200 characters of its text). */
export interface MessagePreview { seq: number; sender: "visitor" | "agent"; text: string; sentAt: string; }

/** One agent's dashboard preferences (GetPreferences / SavePreferences), kept with the operator on the server. */
export interface AgentPreferences {
  sound: boolean; volume: number; desktopNotifications: boolean;
  theme: "system" | "light" | "dark"; density: "comfortable" | "compact";
}

export type TargetName = "assignment" | "first_reply" | "next_reply" | "resolution";
/** A running target: sent when it starts, stops or is missed, never every second. */
export interface TargetClock { target: TargetName; key: string; startedAt: string; dueAt: string; missed: boolean; }

/** Delivered/read watermarks of both sides: a message is delivered when its seq ≤ the other side's delivered one. */
export interface Receipts { visitorDeliveredSeq: number; visitorReadSeq: number; agentDeliveredSeq: number; agentReadSeq: number; }

/** A session now (GetSession, SessionChanged, command answers), including its newest message number. */
export interface ChatSessionSnapshot extends SessionSummary {
  lastSeq: number; receipts: Receipts; transferNote?: string | null; rating?: ChatRating | null;
  firstAgentReplyAt?: string | null; resolvedAt?: string | null;
  /** Resolved because nobody was there: a waiting chat whose visitor had left without writing (resolvedBy is null). */
  abandoned?: boolean;
  /** The newest private note's number; agents only. */
  lastNoteSeq?: number; followUpAt?: string | null; followUpAgent?: AgentRef | null;
  /** Why the chat went to its agent (agents only). */
  assignmentReason?: AssignmentReason | null;
}

/** A private note (agents only): numbered on its own, shown after message `afterMessageSeq`. */
export interface ChatNote {
  seq: number; afterMessageSeq: number; clientNoteId: string; kind: "note" | "transfer"; author: AgentRef; text: string;
  mentions: AgentRef[]; writtenAt: string;
}
export interface ChatLabel { id: string; name: string; color: string; }
export type NotificationKind = "mention" | "follow_up" | "low_rating" | "re_routed";
export interface AgentNotification { id: string; kind: NotificationKind; sessionId: string; from?: string | null; text: string; at: string; read: boolean; }
export interface FollowUp { sessionId: string; dueAt: string; due: boolean; }
export interface AgentInbox { notifications: AgentNotification[]; unread: number; followUps: FollowUp[]; }
export interface ChatReview {
  sessionId: string; stars: number; feedback?: string | null; agent?: AgentRef | null; ratedAt: string;
  reviewedAt?: string | null; reviewedBy?: string | null; reviewNote?: string | null;
}

export interface ChatMessage {
  seq: number; clientMessageId: string; sender: Party; senderId: string; senderName: string; text: string; sentAt: string;
  attachment?: MessageAttachment | null;
}

// File attachments (docs/protocol.md, "Attachments"): a message carries its file's description; the bytes are fetched
// through a short-lived link (AttachmentLinks) asked for when the file is shown or opened.
export interface MessageAttachment {
  fileKey: string; fileName: string; contentType: string; size: number; hasThumbnail: boolean; width?: number | null; height?: number | null;
}
/** What may be attached (the token's and /api/auth/me's `attachments`); null: no attach button. */
export interface AttachmentLimits { maxBytes: number; maxPerChat: number; accept: string; }
export interface AttachmentLinks { url: string; thumbnailUrl: string | null; expiresAt: string; }
export interface AttachmentAck { seq: number; clientMessageId: string; sentAt: string; duplicate: boolean; attachment: MessageAttachment | null; }

export interface MessagePage { messages: ChatMessage[]; hasMore: boolean; lastSeq: number; }
export interface MessageAck { seq: number; clientMessageId: string; sentAt: string; duplicate: boolean; }
export interface StartChatResult { session: ChatSessionSnapshot; queuePosition: number | null; }
export interface ResumeResult { session: ChatSessionSnapshot; messages: MessagePage; queuePosition?: number | null; notes?: ChatNote[]; }

// The visitor's own view (docs/protocol.md, "Visitor hub"): every answer and event of the visitor hub carries these, never
// ChatSessionSnapshot or ChatMessage. The agent is a display name only; no transfer note, no operator username, no metadata.
export interface VisitorAgentView { displayName: string; }
export interface VisitorSessionView {
  sessionId: string; status: ChatStatus; assignedAgent?: VisitorAgentView | null; createdAt: string; assignedAt?: string | null;
  firstAgentReplyAt?: string | null; resolvedAt?: string | null; resolvedBy?: Party | null; rating?: ChatRating | null;
  lastSeq: number; receipts: Receipts;
}
/** `clientMessageId` is the visitor's own messages' (to match their sends) and null on the agent's. */
export interface VisitorMessageView {
  seq: number; clientMessageId: string | null; sender: Party; senderName?: string | null; text: string; sentAt: string;
  attachment?: MessageAttachment | null;
}
export interface VisitorMessagePage { messages: VisitorMessageView[]; hasMore: boolean; lastSeq: number; }
export interface VisitorStartChatResult { session: VisitorSessionView; queuePosition: number | null; aheadAtLeast?: number | null; }
export interface VisitorResumeResult { session: VisitorSessionView; messages: VisitorMessagePage; queuePosition?: number | null; aheadAtLeast?: number | null; }

/**
 * The desk's version counts deltas within one epoch (one activation of the desk); a new epoch starts counting again.
 * `epoch` is optional until every server sends it: a missing one is treated as one unchanging epoch.
 */
/** How many chats of the whole desk are open, and how many of those wait (GetDesk, GetDeskPage, each DeskChanged). */
export interface DeskCounts { waiting: number; open: number; }
/** One page (at most 200 rows) of the desk; `nextCursor` reads the next with GetDeskPage, null on the last. */
export interface DeskSnapshot { epoch?: string; version: number; sessions: SessionSummary[]; nextCursor?: string | null; counts?: DeskCounts; }
/** One chat of a CloseChats answer: closed, or the refusal's code and sentence. */
export interface CloseChatResult { sessionId: string; closed: boolean; error: string | null; message: string | null; }
export type DeskDeltaKind = "added" | "changed" | "removed";
/** A resolved chat comes as `removed` with its final summary. */
export interface DeskDelta { tenantId: string; epoch?: string; version: number; kind: DeskDeltaKind; session: SessionSummary; counts?: DeskCounts; }

export type AgentStatus = "online" | "away" | "offline";
export interface TeamMember {
  agentId: string; displayName: string; online: boolean; openChats: number;
  status: AgentStatus; capacity: number | null; lastChatAt: string | null;
}
/** A row of the Team page. */
export interface TeamOperator {
  username: string; displayName: string; roles: string[]; disabled: boolean; status: AgentStatus; openChats: number; capacity: number | null;
}
export interface AddedOperator { operator: TeamOperator; oneTimePassword: string; }
export interface SkippedAgent { agentId: string; why: string; }
export interface AssignmentReason { rule: "manual" | "round_robin" | "least_busy"; assignedBy: string; considered: string[]; skipped: SkippedAgent[]; summary: string; }
export type RoutingMode = "manual" | "round_robin" | "least_busy";
export type QueueOrder = "arrival" | "longest_waiting" | "soonest_target";
export interface ResponseTargets {
  assignmentSeconds: number | null; firstReplySeconds: number | null; nextReplySeconds: number | null; resolutionSeconds: number | null;
  /** Count the targets in working hours only (closed time does not count); no effect while working hours are off. */
  workingHoursOnly?: boolean;
}
export interface RoutingSettings {
  mode: RoutingMode; defaultCapacity: number; queueOrder: QueueOrder; reRouteAfterSeconds: number | null; targets: ResponseTargets; version?: number;
}
export interface AuditEntry { at: string; actor: string; area: string; action: string; target: string; before: string | null; after: string | null; }
export interface QuickReply { id: string; shortcut: string; text: string; }

/** API keys (docs/protocol.md, "API keys"): the page's rows never hold a secret; CreateApiKey's answer holds it once. */
export type ApiKeyScope = "read" | "write" | "admin";
export interface ApiKeyInfo {
  id: string; name: string; scopes: ApiKeyScope[]; prefix: string; createdAt: string; createdBy: string;
  lastUsedAt: string | null; revokedAt: string | null; revokedBy: string | null;
}
export interface CreatedApiKey { key: ApiKeyInfo; secret: string; }

/** Knowledge (docs/protocol.md, "Knowledge and suggestions"): articles, learned answers, suggestions with calibrated confidence. */
export interface KnowledgeArticle { id: string; title: string; body: string; tags: string[]; updatedAt: string; /** The body as safe HTML (GetArticles only). */ bodyHtml?: string | null; }
export type SuggestionSourceKind = "article" | "learned_answer";
export interface Suggestion { entryId: string; sourceKind: SuggestionSourceKind; source: string; text: string; confidence: number; }
export interface GeneratedReply { text: string; sources: string[]; }
export interface SuggestionSet { question: string; suggestions: Suggestion[]; confident: boolean; bestConfidence?: number | null; threshold: number; draft?: GeneratedReply | null; }
export type SuggestionChoice = "used" | "edited" | "ignored";
export interface SuggestionStats { day: string; agentId: string; shown: number; used: number; edited: number; ignored: number; }
export interface AutomaticAnswerStats { day: string; sent: number; handedOff: number; }
export interface LearnedAnswer { id: string; question: string; answer: string; sessionId: string; chatDate: string; status: "candidate" | "approved"; }

/** POST /api/visitor/token. */
export interface VisitorToken { token: string; visitorId: string; expiresAt: string; attachments?: AttachmentLimits | null; }

// Server events. Every session event names its session and the session's newest message number when raised.
interface SessionEvent { tenantId?: string; sessionId: string; lastSeq?: number | null; }
export interface MessagePosted extends SessionEvent { message: ChatMessage; }
export interface SessionChanged extends SessionEvent { session: ChatSessionSnapshot; }
/** The visitor's MessagePosted and SessionChanged (the agents' are the two above). */
export interface VisitorMessagePosted extends SessionEvent { message: VisitorMessageView; }
export interface VisitorSessionChanged extends SessionEvent { session: VisitorSessionView; }
export interface TypingChanged extends SessionEvent { party: Party; isTyping: boolean; }
export interface ReceiptsChanged extends SessionEvent { receipts: Receipts; }
/** 1 = next; null once an agent took the chat. */
/**
 * position: the exact place within the first 20; null further back (then aheadAtLeast: 20) or once out of the queue.
 * estimatedWaitSeconds: about how long until an agent takes the chat, from the team's recent pace (further back: at
 * least this long); null when unknown.
 */
export interface QueuePositionChanged extends SessionEvent { position: number | null; estimatedWaitSeconds?: number | null; aheadAtLeast?: number | null; }
/** Agents only: a private note was stored. */
export interface NotePosted extends SessionEvent { note: ChatNote; }
/** To the agent's own dashboards (after GetInbox): a mention, a follow-up due, a low rating. */
export interface AgentNotified { tenantId: string; agentId: string; notification: AgentNotification; unread: number; }

// The analytics routes (docs/analytics.md): GET /api/analytics/report and /api/analytics/export. Durations in whole
// seconds; a statistic over no values is null.
export type AnalyticsGroupBy = "hour" | "day" | "week";
export type AnalyticsTable = "totals" | "series" | "heatmap" | "agents";
export type AnalyticsExportFormat = "csv" | "json";

/** Mean = sum ÷ n; median and p90 by nearest rank. */
export interface DurationStats { n: number; mean: number | null; median: number | null; p90: number | null; }
/** withinTarget: the share (0–1) of values ≤ targetSeconds. */
export interface TargetedDurationStats extends DurationStats { withinTarget: number | null; targetSeconds: number; }

/** reopened: resolved chats an agent reopened (Reopen), counted when the reopen happened. */
export interface AnalyticsTotals {
  started: number; assigned: number; resolved: number; abandoned: number; missed: number; reopened: number;
  /** Response-time targets met and missed (TargetMet, TargetMissed); the share is met ÷ (met + missed), null when none ended. */
  targetsMet?: number; targetsMissed?: number; targetsMetShare?: number | null;
}

/** csat and responseRate are shares (0–1); distribution counts the ratings of 1 to 5 stars, in that order. */
export interface SatisfactionStats {
  ratings: number; csat: number | null; meanStars: number | null; distribution: number[]; responseRate: number | null;
}

/** One group (hour, day or ISO week) of the range; start is its local start with the offset ("2026-11-01T00:00:00+01:00"). */
export interface AnalyticsSeriesPoint extends AnalyticsTotals {
  start: string; firstResponseMedian: number | null; resolutionMedian: number | null; ratings: number; csat: number | null;
}

/** Chats started per local weekday (Monday first) × hour (0–23), and the three busiest hours in words. */
export interface AnalyticsHeatmap { days: string[]; started: number[][]; busiest: string[]; }

export interface AgentAnalytics {
  agentId: string; agentName: string; handled: number; transfersIn: number; transfersOut: number; resolved: number;
  firstResponse: DurationStats; responseTime: DurationStats; ratings: number; csat: number | null; meanStars: number | null; reopened: number;
  targetsMet?: number; targetsMissed?: number; targetsMetShare?: number | null;
}

export interface AnalyticsReport {
  /** Local dates yyyy-MM-dd in timeZone, both included. */
  from: string; to: string; timeZone: string; groupBy: AnalyticsGroupBy; agentId: string | null;
  totals: AnalyticsTotals;
  waitToAssignment: TargetedDurationStats; firstResponse: TargetedDurationStats;
  responseTime: DurationStats; resolutionTime: DurationStats;
  satisfaction: SatisfactionStats;
  series: AnalyticsSeriesPoint[];
  heatmap: AnalyticsHeatmap;
  agents: AgentAnalytics[];
}
