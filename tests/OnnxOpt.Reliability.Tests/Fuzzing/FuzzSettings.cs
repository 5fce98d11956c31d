namespace OnnxOpt.Reliability.Tests.Fuzzing;

/// <summary>
/// How long the fuzz suite runs. CI uses the defaults (a few seconds); <c>scripts/fuzz.sh</c> raises them through
/// the environment: ONNXOPT_FUZZ_SEED, ONNXOPT_FUZZ_ITERATIONS, ONNXOPT_FUZZ_SECONDS, and ONNXOPT_FUZZ_KEEP (a
/// folder where every mutant that found a bug is saved for replay).
/// </summary>
public sealed record FuzzSettings(int Seed, int Iterations, TimeSpan Budget, string? KeepFolder)
{
    public static FuzzSettings FromEnvironment() => new(
        Int("ONNXOPT_FUZZ_SEED", 20261207),
        Int("ONNXOPT_FUZZ_ITERATIONS", 1000),
        TimeSpan.FromSeconds(Int("ONNXOPT_FUZZ_SECONDS", 6)),
        Environment.GetEnvironmentVariable("ONNXOPT_FUZZ_KEEP") is { Length: > 0 } keep ? keep : null);

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) && value > 0 ? value : fallback;
}
