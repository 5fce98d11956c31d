using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Registry;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// Pipeline text printed in canonical form parses back to the same pipeline, for random pipelines built from every
/// registered pass (with random values for each of its options), preset and nested fixpoint group. A test-only
/// pass with one option of every supported kind joins the default registry.
/// </summary>
public sealed class PipelineRoundTripProperties
{
    [Property(MaxTest = 200, Arbitrary = [typeof(PipelineTexts)])]
    public void Canonical_text_parses_back_to_the_same_pipeline(PipelineText text)
    {
        var builder = new PipelineBuilder(PipelineTexts.Registry);
        var pipeline = builder.Build(text.Value);
        string canonical = pipeline.ToPipelineText();
        var reparsed = builder.Build(canonical);

        Assert.Equal(canonical, reparsed.ToPipelineText());
        Assert.Equal(pipeline.Passes().Select(p => p.ToPipelineText()), reparsed.Passes().Select(p => p.ToPipelineText()));
    }

    [Fact]
    public void The_cleanup_preset_expands_to_its_fixpoint_group()
    {
        Assert.Equal(
            "fixpoint{max-iterations=8}(eliminate-identity,eliminate-neutral-arith,dedupe-initializers,cse,fuse-conv-bn,fuse-conv-add,fuse-conv-mul,fuse-reshape-shape,eliminate-dead-nodes,eliminate-unused-initializers)",
            PipelineRunner.Parse("cleanup").ToPipelineText());
    }

    [Fact]
    public void Options_of_every_kind_print_in_canonical_form()
    {
        var pipeline = new PipelineBuilder(PipelineTexts.Registry).Build("probe{mode=2:4 names=a,b label=\"two words\" count=950}");

        Assert.Equal("probe{enabled=true count=950 amount=0.05 mode=2:4 label=\"two words\" names=a,b}", pipeline.ToPipelineText());
    }

    /// <summary>Pipeline text as the generator wrote it (not yet canonical).</summary>
    public sealed record PipelineText(string Value)
    {
        public override string ToString() => Value;
    }

    public static class PipelineTexts
    {
        public static PassRegistry Registry { get; } = CreateRegistry();

        public static Arbitrary<PipelineText> Texts() =>
            Arb.From(Gen.Sized(size => Pipeline(Math.Min(size, 20), depth: 2)).Where(Parses).Select(t => new PipelineText(t)));

        private static Gen<string> Pipeline(int size, int depth) =>
            Gen.Choose(1, Math.Max(1, Math.Min(size, 6))).SelectMany(count => Element(size, depth).ArrayOf(count)).Select(e => string.Join(",", e));

        private static Gen<string> Element(int size, int depth)
        {
            var registry = Registry;
            var passes = Gen.Elements(registry.Passes.ToArray()).SelectMany(PassText);
            var presets = Gen.Elements(registry.Presets.Select(p => p.Name).DefaultIfEmpty("topo-sort").ToArray());
            if (depth == 0)
            {
                return Gen.Frequency((6, passes), (1, presets));
            }

            var fixpoint = Gen.Choose(1, 9).SelectMany(max => Pipeline(size / 2, depth - 1).Select(body => $"fixpoint{{max-iterations={max}}}({body})"));
            return Gen.Frequency((6, passes), (1, presets), (2, fixpoint));
        }

        /// <summary>The pass name with a random subset of its options, each with a random value of its type.</summary>
        private static Gen<string> PassText(PassInfo pass)
        {
            var options = pass.Options.Where(o => o.Name != "*").ToArray();
            return Gen.SubListOf(options).SelectMany(chosen => chosen.Count == 0
                ? Gen.Constant(pass.Name)
                : Gen.CollectToArray(chosen, o => Value(o).Select(v => $"{o.Name}={v}"))
                    .Select(parts => $"{pass.Name}{{{string.Join(" ", parts)}}}"));
        }

        private static Gen<string> Value(OptionDescriptor option)
        {
            var type = option.Property.PropertyType;
            if (type == typeof(bool))
            {
                return Gen.Elements("true", "false");
            }

            if (type == typeof(int) || type == typeof(long))
            {
                return Gen.Choose(0, 1000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (type == typeof(double) || type == typeof(float))
            {
                return Gen.Elements("0", "0.5", "1", "0.001", "2.25", "1e-3");
            }

            if (type.IsEnum)
            {
                return Gen.Elements(Enum.GetValues(type).Cast<Enum>().Select(OptionBinder.EnumName).ToArray());
            }

            var word = Gen.Elements("a", "images", "conv_1", "x.y", "out-0");
            if (type == typeof(IReadOnlyList<string>))
            {
                return word.NonEmptyListOf().Select(w => string.Join(",", w));
            }

            return word.Select(w => $"\"{w} {w}\"");
        }

        private static PassRegistry CreateRegistry()
        {
            var registry = PassRegistry.CreateDefault();
            registry.Register(PassInfo.Of<ProbeOptions>("probe", "Options of every kind.", o => new ProbePass(o)));
            return registry;
        }

        /// <summary>Random option values may break a pass's own validation; those texts are not round-trip cases.</summary>
        private static bool Parses(string text)
        {
            try
            {
                new PipelineBuilder(Registry).Build(text);
                return true;
            }
            catch (PipelineException)
            {
                return false;
            }
        }
    }
}
