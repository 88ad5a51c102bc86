using System.Globalization;

namespace PolicyOperator.Controllers.Generators;

/// <summary>Go's duration notation as Kubernetes uses it (<c>90m</c>, <c>1h30m</c>, <c>24h</c>, <c>10s</c>, <c>500ms</c>).</summary>
public static class GoDuration
{
    /// <summary>Parses <paramref name="text"/>; the error names <paramref name="field"/> and what is wrong.</summary>
    /// <exception cref="FormatException">Not a duration.</exception>
    public static TimeSpan Parse(string text, string field)
    {
        var total = TimeSpan.Zero;
        var i = 0;
        if (text.Length == 0)
        {
            throw new FormatException($"{field}: empty duration");
        }

        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (start == unitStart || unitStart == i
                || !double.TryParse(text.AsSpan(start, unitStart - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"{field}: '{text}' is not a duration such as 90m, 1h30m or 24h");
            }

            total += text[unitStart..i] switch
            {
                "ns" => TimeSpan.FromTicks((long)(value / 100)),
                "us" or "µs" => TimeSpan.FromTicks((long)(value * 10)),
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                var unit => throw new FormatException($"{field}: unknown unit '{unit}' in '{text}' (ns, us, ms, s, m, h)"),
            };
        }

        return total;
    }
}
