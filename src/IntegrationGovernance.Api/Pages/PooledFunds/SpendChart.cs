using System.Globalization;
using IntegrationGovernance.Api.PooledFunds;

namespace IntegrationGovernance.Api.Pages.PooledFunds;

/// <summary>A fund's spend by month period as bars, with a scale in pounds: laid out here, drawn as SVG by the page.</summary>
public sealed record SpendChart(double Width, double Height, IReadOnlyList<SpendBar> Bars, IReadOnlyList<SpendTick> Ticks, double Baseline, double Left)
{
    private const double PlotHeight = 260, BarWidth = 44, Gap = 14, Top = 20, AxisWidth = 110, Bottom = 50;

    /// <summary>Periods P1 (April) to P12 (March) and their month names.</summary>
    public static string Month(int period) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName((period + 2) % 12 + 1);

    public static SpendChart Layout(IReadOnlyList<PeriodFiguresResponse> periods)
    {
        var max = periods.Select(p => p.Spend).DefaultIfEmpty(0).Max();
        var min = periods.Select(p => p.Spend).DefaultIfEmpty(0).Min();
        var top = Nice(Math.Max(max, 0));
        var bottom = min < 0 ? -Nice(-min) : 0;
        var span = top - bottom == 0 ? 1 : top - bottom;
        double Y(decimal amount) => Top + (double)((top - amount) / span) * PlotHeight;
        var baseline = Y(0);
        var bars = periods.Select((p, i) =>
        {
            var y = Y(p.Spend);
            return new SpendBar(p.Period, AxisWidth + Gap + i * (BarWidth + Gap), Math.Min(y, baseline), Math.Max(1, Math.Abs(baseline - y)), BarWidth, p.Spend);
        }).ToList();
        var ticks = Enumerable.Range(0, 5).Select(i => bottom + (top - bottom) * i / 4).Select(v => new SpendTick(Y(v), v)).ToList();
        return new SpendChart(AxisWidth + Gap + periods.Count * (BarWidth + Gap), Top + PlotHeight + Bottom, bars, ticks, baseline, AxisWidth);
    }

    // a round number at or above the amount, so the scale reads in whole steps
    private static decimal Nice(decimal amount)
    {
        if (amount <= 0)
            return 0;
        var step = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)amount)));
        foreach (var multiple in new[] { 1m, 2m, 2.5m, 5m, 10m })
            if (step * multiple >= amount)
                return step * multiple;
        return step * 10;
    }
}

public sealed record SpendBar(int Period, double X, double Y, double Height, double Width, decimal Spend);

public sealed record SpendTick(double Y, decimal Amount);
