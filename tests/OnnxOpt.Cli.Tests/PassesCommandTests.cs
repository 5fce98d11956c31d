using System.Text.Json.Nodes;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class PassesCommandTests
{
    [Fact]
    public void Text_lists_every_pass_and_preset()
    {
        var run = CliRun.Of("passes");

        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(PipelineRunner.Registry.Passes);
        Assert.All(PipelineRunner.Registry.Passes, p => Assert.Contains(p.Name, run.Out, StringComparison.Ordinal));
        Assert.All(PipelineRunner.Registry.Presets, p => Assert.Contains(p.Name, run.Out, StringComparison.Ordinal));
        Assert.Contains("max-iterations", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_every_pass_with_its_options_and_every_preset_with_its_pipeline()
    {
        var run = CliRun.Of("passes", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        var passes = json["passes"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        foreach (var pass in PipelineRunner.Registry.Passes)
        {
            var entry = passes[pass.Name];
            Assert.Equal(pass.Description, entry["description"]!.GetValue<string>());
            Assert.Equal(pass.Options.Select(o => o.Name), entry["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        }

        Assert.Equal(PipelineRunner.Registry.Passes.Count(), passes.Count);
        Assert.Contains(passes["fold-constants"]["options"]!.AsArray(), o => o!["name"]!.GetValue<string>() == "size-threshold");
        var presets = json["presets"]!.AsArray();
        Assert.Contains(presets, p => p!["name"]!.GetValue<string>() == "cleanup" && p["pipeline"]!.GetValue<string>().StartsWith("fixpoint", StringComparison.Ordinal));
        Assert.Equal(PipelineRunner.Registry.Presets.Count(), presets.Count);
    }

    [Fact]
    public void Json_lists_every_pass_s_declared_statistics()
    {
        var run = CliRun.Of("passes", "--json");

        var passes = JsonNode.Parse(run.Out)!["passes"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        foreach (var pass in PipelineRunner.Registry.Passes)
        {
            var statistics = passes[pass.Name]["statistics"]!.AsArray();
            Assert.NotEmpty(statistics);
            Assert.Equal(pass.Statistics.Select(s => s.Name), statistics.Select(s => s!["name"]!.GetValue<string>()));
            Assert.All(statistics, s => Assert.False(string.IsNullOrEmpty(s!["description"]!.GetValue<string>())));
        }

        var bn = passes["fuse-conv-bn"]["statistics"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "batchnorms-fused")!;
        Assert.Equal("count", bn["kind"]!.GetValue<string>());
        var prune = passes["prune-conv-l1"]["statistics"]!.AsArray();
        Assert.Contains(prune, s => s!["name"]!.GetValue<string>() == "sparsity" && s["kind"]!.GetValue<string>() == "measurement");
        Assert.Contains(prune, s => s!["name"]!.GetValue<string>() == "layers" && s["kind"]!.GetValue<string>() == "table");
    }

    [Fact]
    public void Text_lists_statistics_under_each_pass()
    {
        var run = CliRun.Of("passes");

        Assert.Contains("stat batchnorms-fused (count)", run.Out, StringComparison.Ordinal);
        Assert.Contains("stat values-typed (count)", run.Out, StringComparison.Ordinal);
    }
}
