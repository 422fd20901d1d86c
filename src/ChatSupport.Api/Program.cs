using ChatSupport.Api;
using ChatSupport.Silo.Health;
using ChatSupport.Silo.Tls;

// `--make-dev-cert <folder>`: writes a development cluster certificate (as the silo host does) and exits.
if (DevelopmentCertificate.TryRunCommand(args)) return 0;
// `--probe <url>`: the container's health check (api.Dockerfile): exits 0 when the route answers 200.
if (HealthProbe.TryRun(args, out var probed)) return probed;

var app = ChatSupportHost.Build(args);
await app.RunAsync();
return 0;
