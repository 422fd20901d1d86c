using System.Security.Cryptography;

namespace ChatSupport.Bench.Hosting;

/// <summary>An operator account the bench signs in with.</summary>
public sealed record BenchOperator(string Username, string Password);

/// <summary>
/// A tenant the bench's own host creates at start (ChatSupport:Bootstrap:Tenants, docs/security.md): on the Scale
/// plan with Priority Support, so Live Chat Support is open to it, with operators holding System Admin.
/// Passwords are random per run and travel to the host in its environment, never on a command line.
/// </summary>
public sealed record BenchTenant(string Id, IReadOnlyList<BenchOperator> Operators)
{
    public static BenchTenant Create(string id, int operators) => new(id,
        Enumerable.Range(0, operators).Select(i => new BenchOperator($"op{i}", RandomNumberGenerator.GetHexString(24))).ToList());

    /// <summary>The host's bootstrap configuration for these tenants, as environment variables.</summary>
    public static Dictionary<string, string> Environment(IReadOnlyList<BenchTenant> tenants)
    {
        var env = new Dictionary<string, string>();
        for (var t = 0; t < tenants.Count; t++)
        {
            var prefix = $"ChatSupport__Bootstrap__Tenants__{t}__";
            env[prefix + "Id"] = tenants[t].Id;
            env[prefix + "Plan"] = "scale";
            env[prefix + "Features__0"] = "priority_support";
            for (var o = 0; o < tenants[t].Operators.Count; o++)
            {
                var op = tenants[t].Operators[o];
                env[$"{prefix}Operators__{o}__Username"] = op.Username;
                env[$"{prefix}Operators__{o}__DisplayName"] = $"Agent {o}";
                env[$"{prefix}Operators__{o}__Password"] = op.Password;
            }
        }
        return env;
    }
}
