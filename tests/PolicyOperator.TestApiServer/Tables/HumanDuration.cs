using System.Globalization;

namespace PolicyOperator.Testing.ApiServer.Tables;

/// <summary>Ages as kubectl prints them (<c>42s</c>, <c>5m10s</c>, <c>3h</c>, <c>2d4h</c>), as apimachinery's HumanDuration.</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        static string N(double v) => ((long)v).ToString(CultureInfo.InvariantCulture);
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        if (d < TimeSpan.Zero)
        {
            return "0s";
        }

        if (d < TimeSpan.FromMinutes(2))
        {
            return $"{N(d.TotalSeconds)}s";
        }

        if (d < TimeSpan.FromMinutes(10))
        {
            return d.Seconds == 0 ? $"{N(d.TotalMinutes)}m" : $"{N(d.TotalMinutes)}m{d.Seconds}s";
        }

        if (d < TimeSpan.FromHours(3))
        {
            return $"{N(d.TotalMinutes)}m";
        }

        if (d < TimeSpan.FromHours(8))
        {
            return d.Minutes == 0 ? $"{N(d.TotalHours)}h" : $"{N(d.TotalHours)}h{d.Minutes}m";
        }

        if (d < TimeSpan.FromHours(48))
        {
            return $"{N(d.TotalHours)}h";
        }

        if (d < TimeSpan.FromDays(8))
        {
            return d.Hours == 0 ? $"{N(d.TotalDays)}d" : $"{N(d.TotalDays)}d{d.Hours}h";
        }

        return d < TimeSpan.FromDays(365 * 2) ? $"{N(d.TotalDays)}d" : $"{N(d.TotalDays / 365)}y";
    }
}
