using OnnxOpt.Passes.Registry;

namespace OnnxOpt.Passes.Pipelines;

/// <summary>
/// Turns pipeline text into an executable <see cref="Pipeline"/>: looks names up in the registry (suggesting the
/// nearest one for a typo), binds options, expands presets and builds fixpoint groups.
/// </summary>
public sealed class PipelineBuilder(PassRegistry registry)
{
    private const int DefaultMaxIterations = 10;

    public Pipeline Build(string text)
    {
        var syntax = PipelineParser.Parse(text);
        return new Pipeline(BuildItems(syntax, text, []));
    }

    private List<PipelineItem> BuildItems(PipelineSyntax syntax, string text, HashSet<string> expanding)
    {
        var items = new List<PipelineItem>();
        foreach (var element in syntax.Elements)
        {
            if (element.Name == PassRegistry.FixpointName)
            {
                items.Add(BuildFixpoint(element, text, expanding));
                continue;
            }

            if (element.Body is not null)
            {
                throw new PipelineException($"pipeline: '{element.Name}' is not a group and takes no '(...)' body", element.Position, text);
            }

            if (registry.FindPass(element.Name) is { } pass)
            {
                var options = OptionBinder.Bind(element.Name, pass.OptionsType, element.Options, text);
                items.Add(new PassItem(pass.Create(options)));
                continue;
            }

            if (registry.FindPreset(element.Name) is { } preset)
            {
                if (element.Options.Count > 0)
                {
                    throw new PipelineException($"pipeline: preset '{preset.Name}' takes no options", element.Options[0].Position, text);
                }

                if (!expanding.Add(preset.Name))
                {
                    throw new PipelineException($"pipeline: preset '{preset.Name}' includes itself", element.Position, text);
                }

                items.AddRange(BuildItems(PipelineParser.Parse(preset.Pipeline), preset.Pipeline, expanding));
                expanding.Remove(preset.Name);
                continue;
            }

            string hint = Suggest.Nearest(element.Name, registry.AllNames) is { } near ? $" (did you mean {near}?)" : string.Empty;
            throw new PipelineException($"pipeline: unknown pass '{element.Name}'{hint}", element.Position, text);
        }

        return items;
    }

    private FixpointItem BuildFixpoint(ElementSyntax element, string text, HashSet<string> expanding)
    {
        int maxIterations = DefaultMaxIterations;
        foreach (var option in element.Options)
        {
            if (option.Key != "max-iterations")
            {
                throw new PipelineException($"fixpoint: unknown option '{option.Key}'; known options: max-iterations", option.Position, text);
            }

            if (!int.TryParse(option.Value, System.Globalization.CultureInfo.InvariantCulture, out maxIterations) || maxIterations < 1)
            {
                throw new PipelineException($"fixpoint: bad value '{option.Value}' for option 'max-iterations': expected a positive integer", option.Position, text);
            }
        }

        if (element.Body is null || element.Body.Elements.Count == 0)
        {
            throw new PipelineException("fixpoint needs a body: fixpoint{max-iterations=N}(pass,pass)", element.Position, text);
        }

        return new FixpointItem(maxIterations, BuildItems(element.Body, text, expanding));
    }
}
