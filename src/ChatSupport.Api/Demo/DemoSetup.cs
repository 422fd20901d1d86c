namespace ChatSupport.Api.Demo;

public static class DemoSetup
{
    /// <summary>The demo data, only when <c>ChatSupport:Demo:Enabled</c> (after the bootstrap, which makes the tenant it fills).</summary>
    public static void AddChatSupportDemo(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DemoOptions.Section);
        if (!section.GetValue(nameof(DemoOptions.Enabled), false)) return;
        builder.Services.Configure<DemoOptions>(section);
        builder.Services.AddSingleton<DemoHistory>();
        builder.Services.AddHostedService<DemoService>();
    }
}
