using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class PipelineTemplateTests
{
    [Fact]
    public void Every_placeholder_is_replaced_by_the_value_as_typed()
    {
        var template = new PipelineTemplate("prune-conv-l1{amount=$x scope=layer},fold-constants");
        Assert.Equal("prune-conv-l1{amount=0.05 scope=layer},fold-constants", template.Instantiate(0.05));
        Assert.Equal("a{p=0.3 q=0.3}", new PipelineTemplate("a{p=$x q=$x}").Instantiate(0.3));
        Assert.Equal("a{p=0}", new PipelineTemplate("a{p=$x}").Instantiate(0));
    }

    [Fact]
    public void Instantiated_templates_build_real_pipelines()
    {
        var template = new PipelineTemplate("prune-conv-l1{amount=$x scope=global}");
        foreach (double value in PipelineTemplate.ParseValues("0, 0.05,0.1,0.2,0.3"))
        {
            var pipeline = PipelineRunner.Parse(template.Instantiate(value));
            Assert.Contains($"amount={PipelineTemplate.Format(value)}", pipeline.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_template_without_placeholder_is_refused()
    {
        var e = Assert.Throws<PipelineException>(() => new PipelineTemplate("prune-conv-l1{amount=0.1}"));
        Assert.Contains("$x", e.Message);
        Assert.Throws<PipelineException>(() => new PipelineTemplate("  "));
    }

    [Theory]
    [InlineData("0,abc")]
    [InlineData("0,,1")]
    [InlineData("0.1,0.1")]
    [InlineData("NaN")]
    [InlineData("")]
    public void Bad_value_lists_are_refused(string text) =>
        Assert.Throws<PipelineException>(() => PipelineTemplate.ParseValues(text));

    [Fact]
    public void Values_keep_their_order_and_invariant_format()
    {
        Assert.Equal([0.3, 0, 1e-3], PipelineTemplate.ParseValues("0.3,0,1e-3"));
        Assert.Equal("0.001", PipelineTemplate.Format(1e-3));
    }
}
