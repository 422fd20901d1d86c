using System.Globalization;
using System.Net;
using System.Text;

namespace ChatSupport.Bench.Report;

/// <summary>
/// A small line chart written as plain SVG (no plotting library): a log-scale latency axis, an x axis the caller
/// maps, lines with a legend. The two plots of the report (by percentile, over time) are built on it.
/// </summary>
public sealed class SvgChart
{
    public const int Width = 900, Height = 520, Left = 80, Right = 270, Top = 50, Bottom = 60;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    private readonly StringBuilder _svg = new();
    private readonly double _minDecade, _maxDecade;
    private int _series, _colorIndex;

    /// <param name="values">Every latency (ms) to be drawn, so the y axis spans whole decades around them.</param>
    public SvgChart(string title, string xLabel, IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0).DefaultIfEmpty(1).ToList();
        _minDecade = Math.Floor(Math.Log10(Math.Max(0.01, positive.Min())));
        _maxDecade = Math.Max(_minDecade + 1, Math.Ceiling(Math.Log10(positive.Max())));

        Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Append($"<text x=\"{Width / 2}\" y=\"25\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>");
        for (var d = _minDecade; d <= _maxDecade; d++)
        {
            var y = Y(Math.Pow(10, d));
            Append($"<line x1=\"{Left}\" y1=\"{y:0.0}\" x2=\"{Width - Right}\" y2=\"{y:0.0}\" stroke=\"#ddd\"/>");
            Append($"<text x=\"{Left - 8}\" y=\"{y + 4:0.0}\" text-anchor=\"end\">{FormatMs(Math.Pow(10, d))}</text>");
        }
        Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\">{Escape(xLabel)}</text>");
        var middle = (Top + Height - Bottom) / 2;
        Append($"<text x=\"20\" y=\"{middle}\" text-anchor=\"middle\" transform=\"rotate(-90 20 {middle})\">latency (ms, log scale)</text>");
    }

    /// <summary>Where a fraction (0 … 1) of the plot's width lies.</summary>
    public static double X(double fraction) => Left + (Width - Left - Right) * Math.Clamp(fraction, 0, 1);

    public double Y(double ms) =>
        Top + (Height - Top - Bottom) * (1 - (Math.Log10(Math.Max(ms, Math.Pow(10, _minDecade))) - _minDecade) / (_maxDecade - _minDecade));

    public void XTick(double fraction, string label)
    {
        var x = X(fraction);
        Append($"<line x1=\"{x:0.0}\" y1=\"{Top}\" x2=\"{x:0.0}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/>");
        Append($"<text x=\"{x:0.0}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{Escape(label)}</text>");
    }

    /// <param name="points">(fraction of the width, latency in ms).</param>
    /// <param name="sameColorAsPrevious">Draws a companion of the previous line (its max, say) in that line's color.</param>
    public void Line(string name, string detail, IEnumerable<(double Fraction, double Ms)> points, bool dashed = false, bool sameColorAsPrevious = false)
    {
        if (sameColorAsPrevious && _colorIndex > 0) _colorIndex--;
        var color = Colors[_colorIndex++ % Colors.Length];
        var path = string.Join(' ', points.Select(p => Inv($"{X(p.Fraction):0.0},{Y(p.Ms):0.0}")));
        var dash = dashed ? " stroke-dasharray=\"5,3\"" : "";
        Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{path}\"/>");
        var legendY = Top + 10 + _series * 36;
        Append($"<line x1=\"{Width - Right + 15}\" y1=\"{legendY}\" x2=\"{Width - Right + 35}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"3\"{dash}/>");
        Append($"<text x=\"{Width - Right + 40}\" y=\"{legendY + 4}\">{Escape(name)}</text>");
        Append($"<text x=\"{Width - Right + 40}\" y=\"{legendY + 19}\" fill=\"#555\">{Escape(detail)}</text>");
        _series++;
    }

    public string Render()
    {
        Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#888\"/>");
        return _svg + "</svg>";
    }

    public static string FormatMs(double ms) => ms >= 1 ? Inv($"{ms:0.#} ms") : Inv($"{ms:0.###} ms");

    private void Append(FormattableString s) => _svg.Append(Inv(s));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
