using System.Globalization;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// Checks numbers from the command line by name. NaN compares false with everything, so a NaN tolerance would pass
/// any difference; infinities and out-of-range sizes lead to overflow later. Each is a usage error naming the option.
/// </summary>
public static class NumberArguments
{
    public static double Finite(double value, string option) =>
        double.IsFinite(value) ? value : throw new UsageException($"{option} must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}");

    public static double NonNegative(double value, string option) =>
        Finite(value, option) >= 0 ? value : throw new UsageException($"{option} must not be negative, not {value.ToString(CultureInfo.InvariantCulture)}");

    public static long InRange(long value, string option, long min, long max) =>
        value >= min && value <= max ? value : throw new UsageException($"{option} must be between {min} and {max}, not {value}");
}
