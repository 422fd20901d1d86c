using ChatSupport.Testing;

namespace ChatSupport.Api.Tests;

/// <summary>The access matrix of docs/security.md, parsed: the documentation and the test data are one table.</summary>
public static class AccessMatrix
{
    public static readonly string[] Principals = ["anonymous", "visitor A", "visitor B", "admin A", "admin B", "member A", "admin C", "admin D"];

    public static IReadOnlyList<(string Operation, string Principal, string Expected)> Cells { get; } = Parse();

    /// <summary>The rows: "agent.Method", "visitor.Method", or "VERB /path" (with a query or a note after the path).</summary>
    public static IReadOnlyList<string> Operations { get; } = Cells.Select(c => c.Operation).Distinct().ToList();

    private static List<(string, string, string)> Parse()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "security.md"));
        var start = Array.IndexOf(lines, "<!-- access-matrix:start -->");
        var end = Array.IndexOf(lines, "<!-- access-matrix:end -->");
        if (start < 0 || end < start) throw new InvalidDataException("docs/security.md has no access matrix markers.");
        var rows = lines[(start + 1)..end].Select(Split).ToList();
        rows[0].Skip(1).Should().Equal(Principals, "the matrix's columns are the principals the tests know");
        var cells = new List<(string, string, string)>();
        foreach (var row in rows.Skip(2))
        {
            row.Should().HaveCount(Principals.Length + 1, $"row '{row[0]}' has a cell per principal");
            for (var i = 0; i < Principals.Length; i++) cells.Add((row[0], Principals[i], row[i + 1]));
        }
        return cells;
    }

    private static string[] Split(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
