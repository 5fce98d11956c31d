using System.Diagnostics.CodeAnalysis;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Registry;

/// <summary>A row of the pass registry: a pipeline name, what it does, its options type and how to make an instance.</summary>
public sealed record PassInfo(
    string Name,
    string Description,
    [property: DynamicallyAccessedMembers(OptionBinder.OptionsMembers)][param: DynamicallyAccessedMembers(OptionBinder.OptionsMembers)] Type OptionsType,
    Func<PassOptions, Pass> Create)
{
    public IReadOnlyList<OptionDescriptor> Options => OptionBinder.Describe(OptionsType);

    /// <summary>The statistics the pass declares (read from an instance with default options).</summary>
    public IReadOnlyList<StatisticInfo> Statistics => Create((PassOptions)Activator.CreateInstance(OptionsType)!).DeclaredStatistics;

    /// <summary>Registers a pass whose constructor takes its options record.</summary>
    public static PassInfo Of<[DynamicallyAccessedMembers(OptionBinder.OptionsMembers)] TOptions>(string name, string description, Func<TOptions, Pass> create)
        where TOptions : PassOptions, new() =>
        new(name, description, typeof(TOptions), options => create((TOptions)options));
}
