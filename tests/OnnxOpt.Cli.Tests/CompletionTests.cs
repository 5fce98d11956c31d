using OnnxOpt.Cli.Completion;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class CompletionTests
{
    private static string[] Complete(string typed) => [.. PipelineCompletion.Complete(typed, PipelineRunner.Registry)];

    [Fact]
    public void An_empty_word_offers_every_pass_and_preset()
    {
        var all = Complete("");

        Assert.Contains("fold-constants", all);
        Assert.Contains("paper", all);
        Assert.Contains("fixpoint", all);
        Assert.Equal(PipelineRunner.Registry.AllNames.Count(), all.Length);
    }

    [Fact]
    public void The_element_after_a_comma_is_completed_and_the_text_before_it_kept()
    {
        Assert.Equal(["cleanup,fold-casts", "cleanup,fold-constants"], Complete("cleanup,fold"));
        Assert.Equal(["fixpoint{max-iterations=3}(cse,eliminate-dead-nodes"], Complete("fixpoint{max-iterations=3}(cse,eliminate-dead"));
    }

    [Fact]
    public void Inside_braces_the_pass_option_keys_are_offered()
    {
        var keys = Complete("prune-conv-l1{");

        var expected = PipelineRunner.Registry.FindPass("prune-conv-l1")!.Options.Select(o => "prune-conv-l1{" + o.Name + "=").Order(StringComparer.Ordinal);
        Assert.Equal(expected, keys);
        Assert.Equal(["prune-conv-l1{amount=0.3 scope="], Complete("prune-conv-l1{amount=0.3 sco"));
    }

    [Fact]
    public void Values_unknown_passes_and_an_opening_quote_are_handled()
    {
        Assert.Empty(Complete("prune-conv-l1{amount=0."));
        Assert.Empty(Complete("no-such-pass{"));
        Assert.Equal(["'convert-fp16{keep-io-types="], Complete("'convert-fp16{keep-io"));
    }

    [Fact]
    public void The_suggest_directive_completes_presets_targets_and_pipeline_text()
    {
        Assert.Equal(["fp16"], Lines(CliRun.Of("[suggest:20]", "optimize --preset fp")));
        Assert.Contains("jetson-nano", Lines(CliRun.Of("[suggest:22]", "check m.onnx --target j")));
        Assert.Equal(["cleanup,convert-fp16", "cleanup,convert-opset"], Lines(CliRun.Of("[suggest:31]", "optimize --pipeline cleanup,conv")));
    }

    [Theory]
    [InlineData("bash", "complete -o default -o nospace -F _onnxopt_complete onnxopt")]
    [InlineData("zsh", "compdef _onnxopt onnxopt")]
    [InlineData("fish", "complete -c onnxopt")]
    public void Completion_prints_the_shell_script(string shell, string registration)
    {
        var run = CliRun.Of("completion", shell);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(registration, run.Out, StringComparison.Ordinal);
        Assert.Contains("[suggest:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_shell_is_a_usage_error()
    {
        var run = CliRun.Of("completion", "powershell");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
    }

    private static string[] Lines(CliRun run) => run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
