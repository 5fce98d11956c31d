using FsCheck;
using FsCheck.Fluent;

namespace OnnxOpt.TestSupport;

/// <summary>
/// The seed of one <see cref="RandomGraphGenerator"/> model. FsCheck draws seeds uniformly from the whole int range
/// (not size-bounded), and a failing property prints the seed, which rebuilds the exact model.
/// </summary>
public readonly record struct GraphSeed(int Value)
{
    public Graph.IR.Model Build() => RandomGraphGenerator.Generate(Value);

    public override string ToString() => $"GraphSeed({Value})";
}

/// <summary>FsCheck arbitraries for property tests over random graphs: <c>[Property(Arbitrary = [typeof(GraphArbitraries)])]</c>.</summary>
public static class GraphArbitraries
{
    public static Arbitrary<GraphSeed> Seeds() => Arb.From(Gen.Choose(0, int.MaxValue).Select(v => new GraphSeed(v)));
}
