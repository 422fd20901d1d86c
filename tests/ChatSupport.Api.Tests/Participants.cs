// The two kinds of ChatParticipant (ChatScenario.cs): a visitor receives the visitor's view of messages and the session, an agent the full ones.
global using VisitorParticipant = ChatSupport.Api.Tests.ChatParticipant<ChatSupport.Contracts.Sessions.VisitorMessagePosted, ChatSupport.Contracts.Sessions.VisitorSessionChanged>;
global using AgentParticipant = ChatSupport.Api.Tests.ChatParticipant<ChatSupport.Contracts.Sessions.MessagePosted, ChatSupport.Contracts.Sessions.SessionChanged>;
