using System.Reflection;
using OnnxOpt.TestSupport;
using PublicApiGenerator;
using Xunit;

namespace OnnxOpt.PublicApi.Tests;

/// <summary>
/// Each shipped library's public surface is tracked in <c>PublicAPI.txt</c> beside its project file, so a change to
/// it is a visible diff in review. After an intended change run <c>scripts/update-public-api.sh</c> and commit the
/// files it rewrites.
/// </summary>
public sealed class PublicApiTests
{
    /// <summary>Set to 1 by scripts/update-public-api.sh: the tests rewrite the baselines instead of failing.</summary>
    private const string UpdateVariable = "ONNXOPT_UPDATE_PUBLIC_API";

    public static TheoryData<string, string> Libraries => new()
    {
        { "src/Graph", typeof(OnnxOpt.Graph.IR.Model).Assembly.GetName().Name! },
        { "src/Passes", typeof(OnnxOpt.Passes.Infrastructure.Pass).Assembly.GetName().Name! },
        { "src/Backends/OnnxRuntime", typeof(OnnxOpt.Backends.OnnxRuntime.OrtRunner).Assembly.GetName().Name! },
        { "src/Backends/TensorRT", typeof(OnnxOpt.Backends.TensorRT.Targets.TargetNames).Assembly.GetName().Name! },
        { "src/Driver", typeof(OnnxOpt.Driver.ModelOptimizer).Assembly.GetName().Name! },
        { "src/Evaluation", typeof(OnnxOpt.Evaluation.Running.DetectionEvaluator).Assembly.GetName().Name! },
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Public_api_matches_the_committed_baseline(string projectFolder, string assemblyName)
    {
        string actual = Normalize(Assembly.Load(assemblyName).GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }));
        string baselinePath = RepositoryFiles.Path([.. projectFolder.Split('/'), "PublicAPI.txt"]);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(baselinePath, actual);
            return;
        }

        Assert.True(File.Exists(baselinePath), $"{baselinePath} is missing: run scripts/update-public-api.sh");
        string expected = Normalize(File.ReadAllText(baselinePath));
        if (expected != actual)
        {
            Assert.Fail($"the public API of {assemblyName} differs from {projectFolder}/PublicAPI.txt:\n{FirstDifference(expected, actual)}\n" +
                "If the change is intended, run scripts/update-public-api.sh and commit the baseline.");
        }
    }

    [Fact]
    public void Every_packable_library_has_a_baseline_test()
    {
        var tracked = Libraries.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var packable = Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("<IsPackable>true</IsPackable>", StringComparison.Ordinal)
                && !File.ReadAllText(p).Contains("<PackAsTool>true</PackAsTool>", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(RepositoryFiles.Root, Path.GetDirectoryName(p)!).Replace('\\', '/'));

        Assert.All(packable, folder => Assert.Contains(folder, tracked));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string left = i < e.Length ? e[i] : "<end>";
            string right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: baseline '{left.Trim()}', now '{right.Trim()}'";
            }
        }

        return "(whitespace only)";
    }
}
