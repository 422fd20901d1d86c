using ChatSupport.Api;

var app = ChatSupportHost.Build(args);
await app.RunAsync();
