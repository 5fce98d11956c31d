using System.Globalization;

namespace OnnxOpt.Cli.Output;

/// <summary>Human-readable numbers for the text output (JSON output keeps raw numbers).</summary>
public static class Units
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {ByteUnits[unit]} ({bytes:N0} bytes)");
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A percentage with up to three decimals; a non-zero share too small to show says so instead of "0 %".</summary>
    public static string Percent(double fraction) => fraction > 0 && fraction < 0.00001
        ? "< 0.001 %"
        : (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
