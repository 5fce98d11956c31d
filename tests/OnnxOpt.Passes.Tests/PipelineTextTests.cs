using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class PipelineTextTests
{
    [Fact]
    public void Canonical_text_spells_out_options_and_parses_back()
    {
        var pipeline = PipelineRunner.Parse("topo-sort, fixpoint{max-iterations=3}(eliminate-dead-nodes,eliminate-unused-initializers)");
        string text = pipeline.ToPipelineText();
        Assert.Equal("topo-sort,fixpoint{max-iterations=3}(eliminate-dead-nodes,eliminate-unused-initializers)", text);
        Assert.Equal(text, PipelineRunner.Parse(text).ToPipelineText());
    }

    [Theory]
    [InlineData("eliminate-dead-node", "unknown pass 'eliminate-dead-node' (did you mean eliminate-dead-nodes?)")]
    [InlineData("topo-sort{x=1}", "topo-sort: unknown option 'x'")]
    [InlineData("fixpoint{max-iterations=0}(topo-sort)", "bad value '0' for option 'max-iterations'")]
    [InlineData("fixpoint(topo-sort", "is never closed")]
    [InlineData("topo-sort{", "is never closed")]
    [InlineData("topo-sort,", "expected a pass name")]
    [InlineData("", "the pipeline is empty")]
    [InlineData("topo-sort)", "unexpected ')'")]
    public void Bad_text_is_reported_with_position(string text, string expected)
    {
        var error = Assert.Throws<PipelineException>(() => PipelineRunner.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
