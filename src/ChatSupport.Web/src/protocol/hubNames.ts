// The hub method and server event names, the only place they are spelled out (a build check, scripts/
// check-protocol-names.mjs, refuses them as string literals anywhere else). One object per hub, so the widget's
// bundle carries the visitor hub's names only.

export const VisitorHubMethods = {
  StartChat: "StartChat",
  Resume: "Resume",
  SendMessage: "SendMessage",
  GetHistory: "GetHistory",
  GetSession: "GetSession",
  SetTyping: "SetTyping",
  Acknowledge: "Acknowledge",
  CloseChat: "CloseChat",
  RateChat: "RateChat",
} as const;

export const AgentHubMethods = {
  GetDesk: "GetDesk",
  GetDeskPage: "GetDeskPage",
  CloseChats: "CloseChats",
  OpenChat: "OpenChat",
  LeaveChat: "LeaveChat",
  AssignToMe: "AssignToMe",
  AssignTo: "AssignTo",
  Transfer: "Transfer",
  Resolve: "Resolve",
  SendMessage: "SendMessage",
  GetHistory: "GetHistory",
  GetSession: "GetSession",
  SetTyping: "SetTyping",
  Acknowledge: "Acknowledge",
  GetTeam: "GetTeam",
  GetVisitorChats: "GetVisitorChats",
  GetQuickReplies: "GetQuickReplies",
  SaveQuickReply: "SaveQuickReply",
  DeleteQuickReply: "DeleteQuickReply",
  AddNote: "AddNote",
  GetNotes: "GetNotes",
  GetLabels: "GetLabels",
  SaveLabel: "SaveLabel",
  DeleteLabel: "DeleteLabel",
  AddLabel: "AddLabel",
  RemoveLabel: "RemoveLabel",
  Reopen: "Reopen",
  SetFollowUp: "SetFollowUp",
  GetInbox: "GetInbox",
  MarkNotificationsRead: "MarkNotificationsRead",
  GetReviews: "GetReviews",
  MarkReviewed: "MarkReviewed",
} as const;

export const ClientEvents = {
  MessagePosted: "MessagePosted",
  SessionChanged: "SessionChanged",
  TypingChanged: "TypingChanged",
  ReceiptsChanged: "ReceiptsChanged",
  QueuePositionChanged: "QueuePositionChanged",
  DeskChanged: "DeskChanged",
  NotePosted: "NotePosted",
  AgentNotified: "AgentNotified",
} as const;
