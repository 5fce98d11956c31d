using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.Passes.Pipelines;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// Pass results say which analyses survive (LLVM's PreservedAnalyses), the pass manager drops the rest, and a pass
/// that edits the model while it reports "unchanged" loses the cache anyway and fails under verify-each.
/// </summary>
public sealed class CheckedPassResultTests
{
    [Fact]
    public void The_cache_keeps_exactly_the_preserved_analyses()
    {
        var model = ReluModel();
        var cache = new AnalysisCache();
        cache.Get(model, _ => new FirstAnalysis());
        cache.Get(model, _ => new SecondAnalysis());

        cache.Invalidate(PreservedAnalyses.All);
        Assert.True(cache.Contains<FirstAnalysis>() && cache.Contains<SecondAnalysis>());

        cache.Invalidate(PreservedAnalyses.None.Preserve<FirstAnalysis>());
        Assert.True(cache.Contains<FirstAnalysis>());
        Assert.False(cache.Contains<SecondAnalysis>());

        cache.Invalidate(PreservedAnalyses.None);
        Assert.False(cache.Contains<FirstAnalysis>());
    }

    [Fact]
    public void Results_default_to_all_when_unchanged_and_none_when_changed()
    {
        Assert.True(PassResult.Unchanged.Preserved.PreservesAll);
        Assert.False(PassResult.Modified.Preserved.PreservesAll);
        Assert.Empty(PassResult.Modified.Preserved.Kept);
        var partial = PassResult.Modified.Preserve<FirstAnalysis>();
        Assert.True(partial.Changed);
        Assert.True(partial.Preserved.IsPreserved<FirstAnalysis>());
        Assert.False(partial.Preserved.IsPreserved<SecondAnalysis>());
        Assert.Same(PreservedAnalyses.All, PassResult.Unchanged.Preserve<FirstAnalysis>().Preserved);
    }

    [Fact]
    public void The_pass_manager_drops_what_a_changing_pass_does_not_preserve()
    {
        var probe = new ProbePass();
        var report = Run(ReluModel(), [new ComputePass(), new EditPass(lie: false, PassResult.Modified.Preserve<FirstAnalysis>()), probe]);

        Assert.Equal([false, true, false], report.Runs.Select(r => r.Changed));
        Assert.Equal((true, false), probe.Seen);
    }

    [Fact]
    public void An_honest_unchanged_pass_keeps_the_cache_and_passes_verify_each()
    {
        var probe = new ProbePass();
        Run(ReluModel(), [new ComputePass(), new ComputePass(), probe], verifyEach: true);

        Assert.Equal((true, true), probe.Seen);
    }

    [Fact]
    public void A_pass_that_edits_while_claiming_unchanged_loses_the_cache()
    {
        var probe = new ProbePass();
        Run(ReluModel(), [new ComputePass(), new EditPass(lie: true, PassResult.Unchanged), probe]);

        Assert.Equal((false, false), probe.Seen);
    }

    [Fact]
    public void Verify_each_catches_a_false_unchanged_with_the_fingerprint()
    {
        var error = Assert.Throws<PassVerificationException>(() => Run(ReluModel(), [new EditPass(lie: true, PassResult.Unchanged)], verifyEach: true));

        Assert.Equal("edit", error.PassText);
        Assert.Contains("reported no change but edited the model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verify_each_catches_a_false_unchanged_with_either_check(bool fullFingerprint)
    {
        var error = Assert.Throws<PassVerificationException>(() =>
            Run(ReluModel(), [new ComputePass(), new EditPass(lie: true, PassResult.Unchanged)], new VerifyEachInstrumentation { FullFingerprint = fullFingerprint }));

        Assert.Equal("edit", error.PassText);
    }

    [Fact]
    public void Edits_that_cancel_out_still_count_as_edits()
    {
        // "Unchanged" means "no IR edit": the cache is dropped and verify-each refuses the claim, because the edit
        // counter, unlike a hash of the whole model, cannot tell that the model ended as it began.
        var probe = new ProbePass();
        Run(ReluModel(), [new ComputePass(), new EditAndUndoPass(), probe]);
        Assert.Equal((false, false), probe.Seen);

        var error = Assert.Throws<PassVerificationException>(() => Run(ReluModel(), [new EditAndUndoPass()], verifyEach: true));
        Assert.Equal("edit-and-undo", error.PassText);
    }

    [Fact]
    public void Verify_each_verifies_a_changed_model_and_remembers_the_state_it_found_valid()
    {
        var model = ReluModel();
        var verifier = new VerifyEachInstrumentation();
        Assert.False(verifier.IsVerified(model));

        Run(model, [new EditPass(lie: false, PassResult.Modified)], verifier);
        Assert.True(verifier.IsVerified(model));
        Assert.Equal(ModelRevision.Of(model), verifier.LastVerified);

        model.Graph.Nodes[0].OpType = "Relu";
        Assert.False(verifier.IsVerified(model));
    }

    [Fact]
    public void Verify_each_still_verifies_a_pass_that_breaks_the_model()
    {
        var verifier = new VerifyEachInstrumentation();
        var model = ReluModel();
        verifier.MarkVerified(model);

        var error = Assert.Throws<PassVerificationException>(() => Run(model, [new BreakPass()], verifier));

        Assert.Equal("break", error.PassText);
        Assert.Contains("before node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_marked_verified_is_not_verified_again_and_an_unmarked_one_is()
    {
        var broken = ReluModel();
        new BreakPass().Run(broken, new PassContext());

        Assert.Throws<PassVerificationException>(() => Run(broken, [new ComputePass()], verifyEach: true));

        // The caller vouches for the input (the CLI runs its own input check first), so the start is not re-checked.
        var verifier = new VerifyEachInstrumentation();
        verifier.MarkVerified(broken);
        Run(broken, [new ComputePass()], verifier);
    }

    private static PipelineRunReport Run(Model model, Pass[] passes, bool verifyEach = false) =>
        Run(model, passes, verifyEach ? new VerifyEachInstrumentation() : null);

    private static PipelineRunReport Run(Model model, Pass[] passes, VerifyEachInstrumentation? verifier)
    {
        IPassInstrumentation[] instrumentations = verifier is null ? [] : [verifier];
        return new PassManager(new Pipeline([.. passes.Select(p => new PassItem(p))]), instrumentations).Run(model);
    }

    private static Model ReluModel()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 2);
        b.Output(b.Op("Relu", "relu", [x]), "y", DataType.Float, 2);
        return b.Build();
    }

    private sealed record FirstAnalysis;

    private sealed record SecondAnalysis;

    /// <summary>Fills the cache with both analyses and changes nothing.</summary>
    private sealed class ComputePass : Pass<NoOptions>
    {
        public override string Name => "compute";

        public override PassResult Run(Model model, PassContext context)
        {
            context.Analyses.Get(model, _ => new FirstAnalysis());
            context.Analyses.Get(model, _ => new SecondAnalysis());
            return PassResult.Unchanged;
        }
    }

    /// <summary>Turns the Relu into a Neg; returns <c>result</c>, which is a lie when it says unchanged.</summary>
    private sealed class EditPass(bool lie, PassResult result) : Pass<NoOptions>
    {
        public override string Name => "edit";

        public override PassResult Run(Model model, PassContext context)
        {
            model.Graph.Nodes[0].OpType = "Neg";
            Assert.Equal(lie, !result.Changed);
            return result;
        }
    }

    /// <summary>Puts a Neg of the Relu's output before the Relu: the nodes are no longer in topological order.</summary>
    private sealed class BreakPass : Pass<NoOptions>
    {
        public override string Name => "break";

        public override PassResult Run(Model model, PassContext context)
        {
            var relu = model.Graph.Nodes[0];
            model.Graph.InsertBefore(relu, "Neg", [relu.Output()], name: "early");
            return PassResult.Modified;
        }
    }

    /// <summary>Renames the Relu and renames it back: the model ends as it began, but the IR saw edits.</summary>
    private sealed class EditAndUndoPass : Pass<NoOptions>
    {
        public override string Name => "edit-and-undo";

        public override PassResult Run(Model model, PassContext context)
        {
            var node = model.Graph.Nodes[0];
            node.OpType = "Neg";
            node.OpType = "Relu";
            return PassResult.Unchanged;
        }
    }

    /// <summary>Records which analyses are still cached when it runs.</summary>
    private sealed class ProbePass : Pass<NoOptions>
    {
        public (bool First, bool Second) Seen { get; private set; }

        public override string Name => "probe";

        public override PassResult Run(Model model, PassContext context)
        {
            Seen = (context.Analyses.Contains<FirstAnalysis>(), context.Analyses.Contains<SecondAnalysis>());
            return PassResult.Unchanged;
        }
    }
}
