using ChatSupport.Api;
using ChatSupport.Silo.Tls;

// `--make-dev-cert <folder>`: writes a development cluster certificate (as the silo host does) and exits.
if (DevelopmentCertificate.TryRunCommand(args)) return;

var app = ChatSupportHost.Build(args);
await app.RunAsync();
