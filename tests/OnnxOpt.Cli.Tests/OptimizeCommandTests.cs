using System.Text.Json.Nodes;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class OptimizeCommandTests
{
    // The preset's expansion comes from the registry, so adding a pass to `cleanup` does not break these tests.
    private static readonly string CleanupText = OnnxOpt.Passes.Infrastructure.PipelineRunner.Parse("cleanup").ToPipelineText();

    [Fact]
    public void Preset_prints_the_canonical_pipeline_and_writes_a_valid_smaller_model()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        string output = temp.File("out.onnx");

        var run = CliRun.Of("optimize", input, "-o", output, "--preset", "cleanup");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"pipeline: {CleanupText}", run.Out, StringComparison.Ordinal);
        Assert.Contains("wrote", run.Out, StringComparison.Ordinal);
        var model = ModelReader.Load(output);
        GraphVerifier.ThrowIfInvalid(model);
        // The generated YOLO has two byte-identical initializers, which cleanup merges.
        Assert.True(model.Graph.Initializers.Count < ModelReader.Load(input).Graph.Initializers.Count);
    }

    [Fact]
    public void Pipeline_text_is_printed_in_canonical_form()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", " eliminate-identity , cse ");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pipeline: eliminate-identity,cse\n", run.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Timing_and_stats_print_tables_with_every_pass_and_counter()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "dedupe-initializers,cse", "--timing", "--stats");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pass timing", run.Out, StringComparison.Ordinal);
        Assert.Contains("total", run.Out, StringComparison.Ordinal);
        Assert.Contains("pass statistics", run.Out, StringComparison.Ordinal);
        Assert.Contains("initializers-merged", run.Out, StringComparison.Ordinal);
        Assert.Contains("cse", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_ir_after_a_pass_goes_to_stderr_only_for_that_pass()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "dedupe-initializers,cse", "--print-ir-after", "cse");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("IR after cse (#2)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("IR after dedupe-initializers", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("IR after", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_ir_after_change_prints_only_passes_that_changed_the_model()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "dedupe-initializers,cse", "--print-ir-after-change");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("IR after dedupe-initializers (#1)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("IR after cse", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_ir_after_an_unknown_pass_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "cse", "--print-ir-after", "csee");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown pass 'csee'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_dir_holds_the_input_and_one_file_per_pass()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        string dump = temp.File("dump");

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "dedupe-initializers,cse", "--dump-dir", dump);

        Assert.Equal(0, run.ExitCode);
        var names = Directory.GetFiles(dump).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["000-input.txt", "001-dedupe-initializers.txt", "002-cse.txt"], names);
        Assert.NotEqual(File.ReadAllText(Path.Combine(dump, "000-input.txt")), File.ReadAllText(Path.Combine(dump, "001-dedupe-initializers.txt")));
    }

    [Fact]
    public void Max_rewrites_stops_early_and_says_so()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        string output = temp.File("out.onnx");

        var run = CliRun.Of("optimize", input, "-o", output, "--pipeline", "dedupe-initializers", "--max-rewrites", "1", "--stats");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: stopped after rewrite 1", run.Error, StringComparison.Ordinal);
        Assert.Equal(ModelReader.Load(input).Graph.Initializers.Count - 1, ModelReader.Load(output).Graph.Initializers.Count);
    }

    [Fact]
    public void Negative_max_rewrites_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "cse", "--max-rewrites", "-1");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void Report_json_has_every_pass_with_statistics_and_timing()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        string report = temp.File("report.json");

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "dedupe-initializers,cse", "--report", report);

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(report))!;
        Assert.Equal("dedupe-initializers,cse", json["pipeline"]!.GetValue<string>());
        Assert.Equal(233, json["nodesBefore"]!.GetValue<int>());
        var passes = json["passes"]!.AsArray();
        Assert.Equal(["dedupe-initializers", "cse"], passes.Select(p => p!["pass"]!.GetValue<string>()));
        Assert.Equal(2, passes[0]!["statistics"]!["initializers-merged"]!.GetValue<double>());
        Assert.True(passes[0]!["changed"]!.GetValue<bool>());
        Assert.All(passes, p => Assert.True(p!["ms"]!.GetValue<double>() >= 0));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void Fold_constants_uses_onnx_runtime_for_ops_without_a_built_in_kernel()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.ConstantErf(), temp.File("in.onnx"));
        string output = temp.File("out.onnx");

        var run = CliRun.Of("optimize", input, "-o", output, "--pipeline", "fold-constants,eliminate-dead-nodes");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(ModelReader.Load(output).Graph.Nodes, n => n.OpType == "Erf");
    }

    [Fact]
    public void Refuses_to_overwrite_the_input()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        byte[] before = File.ReadAllBytes(input);

        var run = CliRun.Of("optimize", input, "-o", input, "--preset", "cleanup");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("refusing to overwrite the input", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Unknown_pass_is_a_usage_error_with_a_suggestion()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "fold-constnts");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean fold-constants?", run.Error, StringComparison.Ordinal);
        Assert.Single(run.ErrorLines);
        Assert.False(File.Exists(temp.File("out.onnx")));
    }

    [Fact]
    public void Unknown_preset_is_a_usage_error_with_a_suggestion()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--preset", "claenup");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean cleanup?", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Exactly_one_of_pipeline_and_preset_is_required(bool both)
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        string[] selection = both ? ["--pipeline", "cse", "--preset", "cleanup"] : [];

        var run = CliRun.Of(["optimize", input, "-o", temp.File("out.onnx"), .. selection]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(both ? "not both" : "give --pipeline TEXT or --preset NAME", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_model_optimizes_the_built_in_yolo_and_says_so()
    {
        using var temp = new TempDirectory();
        string output = temp.File("out.onnx");

        var run = CliRun.Of("optimize", "-o", output, "--preset", "cleanup", "--external-data");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: no MODEL given", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(output + ".data"));
        Assert.Equal(233, ModelReader.Load(output).Graph.Nodes.Count);
    }

    [Fact]
    public void Trace_patterns_prints_why_a_pattern_did_not_match()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "fuse-conv-add", "--trace-patterns=adds-fused");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("trace-patterns: [fuse-conv-add] adds-fused (benefit 1) on Add '", run.Error, StringComparison.Ordinal);
        Assert.Contains("no match: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("is not a Conv output", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_patterns_notes_a_name_that_never_ran()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "cse", "--trace-patterns", "no-such-pattern");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: --trace-patterns no-such-pattern: no pattern", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("trace-patterns: [", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_diagnostics_carry_the_pass_as_a_field()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.ConstantErf(), temp.File("in.onnx"));
        string report = temp.File("report.json");

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "fold-constants{use-evaluator=false}", "--report", report);

        Assert.Equal(0, run.ExitCode);
        var diagnostics = JsonNode.Parse(File.ReadAllText(report))!["diagnostics"]!.AsArray();
        var first = Assert.Single(diagnostics)!;
        Assert.Equal("fold-constants", first["pass"]!.GetValue<string>());
        Assert.DoesNotContain("[fold-constants]", first["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("[fold-constants]", first["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
