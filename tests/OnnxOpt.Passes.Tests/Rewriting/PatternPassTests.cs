using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Rewriting;

/// <summary>
/// <see cref="PatternPass{TOptions}"/> gets the model and context for its patterns, tries patterns of one root by
/// benefit, and records why a pattern did not match when `--trace-patterns` asks for it.
/// </summary>
public sealed class PatternPassTests
{
    [Fact]
    public void The_pattern_with_the_higher_benefit_fires_first_whatever_the_registration_order()
    {
        var (model, _) = ReluChain("a", "b", "c");
        var report = new PassManager(new Pipelines.Pipeline([new Pipelines.PassItem(new DropReluPass())])).Run(model, new PassContext());

        var statistics = report.Runs.Single().Statistics;
        Assert.Equal(3, statistics.Get("high-benefit"));
        Assert.Equal(0, statistics.Get("low-benefit"));
        Assert.Equal(0, Net.Count(model, "Relu"));
        Assert.Empty(statistics.Undeclared);
    }

    [Fact]
    public void Patterns_see_the_model_they_run_on()
    {
        var (model, _) = ReluChain("a");
        var pass = new DropReluPass();
        var patterns = pass.CreatePatterns(model, new PassContext());

        Assert.All(patterns.OfType<DropRelu>(), p => Assert.Same(model, p.Model));
    }

    [Fact]
    public void A_traced_pattern_says_why_it_did_not_match_and_the_lower_one_then_fires()
    {
        var (model, original) = ReluChain("keep-me", "b");
        using var text = new StringWriter();
        var context = new PassContext { PatternTrace = new MatchTrace("high-benefit", text) };
        new PassManager(new Pipelines.Pipeline([new Pipelines.PassItem(new DropReluPass())])).Run(model, context);

        var failure = Assert.Single(context.PatternTrace.Entries, e => !e.Matched);
        Assert.Equal(("drop-relu", "high-benefit", "keep-me", "the node is named keep-me"), (failure.Pass, failure.Pattern, failure.Node, failure.Reason));
        Assert.Contains(context.PatternTrace.Entries, e => e.Matched && e.Node == "b");
        Assert.DoesNotContain(context.PatternTrace.Entries, e => e.Pattern == "low-benefit");
        Assert.Contains("trace-patterns: [drop-relu] high-benefit (benefit 5) on Relu 'keep-me': no match: the node is named keep-me", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Net.Count(model, "Relu"));
        Equivalence.AssertSameOutputs(original, model);
    }

    [Fact]
    public void The_trace_filter_takes_a_pattern_name_a_pass_name_or_all()
    {
        Assert.True(new MatchTrace("all").Wants("any-pass", "any-pattern"));
        Assert.True(new MatchTrace("drop-relu").Wants("drop-relu", "low-benefit"));
        Assert.True(new MatchTrace("low-benefit").Wants("drop-relu", "low-benefit"));
        Assert.False(new MatchTrace("low-benefit").Wants("drop-relu", "high-benefit"));
    }

    /// <summary>x -> Relu(name) -> ... -> Neg -> y, and a copy of it for comparing outputs.</summary>
    private static (Model Model, Model Original) ReluChain(params string[] names)
    {
        var net = new Net();
        var value = net.Input("x", 1, 4);
        foreach (var name in names)
        {
            value = net.Builder.Op("Relu", name, [value]);
        }

        net.Output(net.Op("Neg", [value]), "y");
        return (net.Model, Equivalence.Clone(net.Model));
    }

    /// <summary>
    /// Rewrites a Relu exactly: Relu(Relu(x)) or Relu(Max(x, 0)) drops the outer Relu; any other Relu becomes Max(x, 0).
    /// Two instances with different names and benefits compete for the same root.
    /// </summary>
    private sealed class DropRelu(string name, int benefit, Model model, bool refuseKeepMe) : RewritePattern
    {
        public Model Model { get; } = model;

        public override string Name => name;

        public override string RootOpType => "Relu";

        public override int Benefit => benefit;

        public override MatchResult Match(Node root, PassContext context)
        {
            if (refuseKeepMe && root.Name == "keep-me")
            {
                return MatchResult.Fail("the node is named keep-me");
            }

            return MatchResult.Rewrite($"drop {root.Name}", () => Rewrite(root));
        }

        private static void Rewrite(Node relu)
        {
            var graph = relu.Graph!;
            var input = relu.Input(0)!;
            if (input.Producer is { OpType: "Relu" or "Max" })
            {
                relu.Outputs[0].ReplaceAllUsesWith(input);
                graph.RemoveNode(relu);
                return;
            }

            var zero = graph.AddInitializer(graph.UniqueName("zero"), Tensor.Scalar(0f));
            var max = graph.InsertBefore(relu, "Max", [input, zero], 1, graph.UniqueName("max"));
            relu.Outputs[0].ReplaceAllUsesWith(max.Outputs[0]);
            graph.RemoveNode(relu);
        }
    }

    private sealed class DropReluPass : PatternPass<NoOptions>
    {
        public override string Name => "drop-relu";

        public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
        [
            StatisticInfo.Count("high-benefit", "Relus dropped by the preferred pattern"),
            StatisticInfo.Count("low-benefit", "Relus dropped by the fallback pattern"),
        ];

        public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context) =>
            [new DropRelu("low-benefit", 1, model, refuseKeepMe: false), new DropRelu("high-benefit", 5, model, refuseKeepMe: true)];
    }
}
