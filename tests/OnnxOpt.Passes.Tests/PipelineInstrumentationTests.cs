using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Transforms;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class PipelineInstrumentationTests
{
    /// <summary>x → Identity ×<paramref name="identities"/> → Relu → y, plus a dead Neg.</summary>
    private static Model IdentityChain(int identities)
    {
        var net = new Net();
        var value = net.Input("x", 3);
        for (int i = 0; i < identities; i++)
        {
            value = net.Op("Identity", [value]);
        }

        net.Op("Neg", [value]);
        net.Output(net.Op("Relu", [value]), "y");
        return net.Model;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Max_rewrites_stops_after_exactly_that_many_rewrites_and_names_the_last(int budget)
    {
        var model = IdentityChain(5);

        var report = PipelineRunner.Run(model, "eliminate-identity,eliminate-dead-nodes", maxRewrites: budget);

        Assert.Equal(budget, report.RewritesUsed);
        Assert.Equal(5 - budget, Net.Count(model, "Identity"));
        Assert.Equal(1, Net.Count(model, "Neg"));
        if (budget == 0)
        {
            Assert.Null(report.StoppedAtRewrite);
            Assert.False(report.Changed);
        }
        else
        {
            Assert.StartsWith("eliminate-identity: identity-removed at 'Identity_", report.StoppedAtRewrite, StringComparison.Ordinal);
            Assert.DoesNotContain(report.Runs, r => r.PassName == "eliminate-dead-nodes");
        }
    }

    [Fact]
    public void A_budget_larger_than_the_work_is_not_reported_as_a_stop()
    {
        var model = IdentityChain(2);

        var report = PipelineRunner.Run(model, "cleanup", maxRewrites: 100);

        Assert.Equal(3, report.RewritesUsed);
        Assert.Null(report.StoppedAtRewrite);
        Assert.Equal(["Relu"], model.Graph.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void Verify_each_names_the_pass_that_broke_the_model()
    {
        var model = IdentityChain(2);
        var pipeline = new Pipeline([new PassItem(new EliminateDeadNodes()), new PassItem(new BreakGraphPass()), new PassItem(new TopologicalSort())]);

        var error = Assert.Throws<PassVerificationException>(() => new PassManager(pipeline, [new VerifyEachInstrumentation()]).Run(model));

        Assert.Equal("break-graph", error.PassText);
        Assert.Contains("pass break-graph produced an invalid model", error.Message, StringComparison.Ordinal);
        Assert.Contains("topological order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_each_rejects_a_broken_input_before_any_pass()
    {
        var model = IdentityChain(2);
        model.Graph.ReorderNodes([.. model.Graph.Nodes.Reverse()]);

        var error = Assert.Throws<PassVerificationException>(() => PipelineRunner.Run(model, "topo-sort"));

        Assert.Equal("(input)", error.PassText);
    }

    [Fact]
    public void Dump_directory_gets_the_input_and_one_file_per_pass()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("dump");
        var model = IdentityChain(2);

        new PassManager(PipelineRunner.Parse("eliminate-identity,cse,eliminate-dead-nodes"), [new DumpDirectoryInstrumentation(dir)]).Run(model);

        Assert.Equal(
            ["000-input.txt", "001-eliminate-identity.txt", "002-cse.txt", "003-eliminate-dead-nodes.txt"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Identity(", File.ReadAllText(Path.Combine(dir, "000-input.txt")), StringComparison.Ordinal);
        Assert.DoesNotContain("Identity(", File.ReadAllText(Path.Combine(dir, "001-eliminate-identity.txt")), StringComparison.Ordinal);
        Assert.DoesNotContain("Neg(", File.ReadAllText(Path.Combine(dir, "003-eliminate-dead-nodes.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_ir_after_change_prints_only_passes_that_changed_the_model()
    {
        var output = new StringWriter();
        var printer = new PrintIrInstrumentation(output, new HashSet<string>(), all: true, onlyOnChange: true);

        new PassManager(PipelineRunner.Parse("eliminate-identity,cse,eliminate-dead-nodes"), [printer]).Run(IdentityChain(2));

        string text = output.ToString();
        Assert.Contains("IR after eliminate-identity (#1)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IR after cse", text, StringComparison.Ordinal);
        Assert.Contains("IR after eliminate-dead-nodes (#3)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_ir_after_a_named_pass_prints_it_even_when_unchanged()
    {
        var output = new StringWriter();
        var printer = new PrintIrInstrumentation(output, new HashSet<string> { "cse" }, all: false, onlyOnChange: false);

        new PassManager(PipelineRunner.Parse("eliminate-identity,cse"), [printer]).Run(IdentityChain(2));

        string text = output.ToString();
        Assert.Contains("IR after cse (#2) (unchanged)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IR after eliminate-identity", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixpoint_stops_once_an_iteration_changes_nothing()
    {
        var report = PipelineRunner.Run(IdentityChain(2), "fixpoint{max-iterations=5}(eliminate-identity,eliminate-dead-nodes)");

        Assert.True(report.Converged);
        Assert.Equal([true, true, false, false], report.Runs.Select(r => r.Changed));
        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains("converge", StringComparison.Ordinal));
    }

    [Fact]
    public void Fixpoint_that_hits_its_cap_warns_and_reports_not_converged()
    {
        var pipeline = new Pipeline([new FixpointItem(3, [new PassItem(new FlipDocStringPass())])]);

        var report = new PassManager(pipeline).Run(IdentityChain(1));

        Assert.False(report.Converged);
        Assert.Equal(3, report.Runs.Count);
        var warning = Assert.Single(report.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("did not converge within max-iterations=3", warning.Message, StringComparison.Ordinal);
        Assert.Equal([("flip-doc-string", "flips", 3.0)], report.StatisticsByPass());
    }

    [Fact]
    public void Statistics_of_every_run_appear_in_the_report_summed_per_pass()
    {
        var model = IdentityChain(3);
        model.Graph.AddNode("Relu", [model.Graph.Inputs[0]], name: "dup_relu", index: 0);

        var report = PipelineRunner.Run(model, "cleanup");

        var stats = report.StatisticsByPass();
        Assert.Contains(("eliminate-identity", "identity-removed", 3.0), stats);
        Assert.Contains(("eliminate-dead-nodes", "nodes-removed", 2.0), stats);
        Assert.All(report.Runs.Where(r => !r.Changed), r => Assert.True(r.Statistics.IsEmpty));
    }
}
