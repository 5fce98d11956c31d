namespace OnnxOpt.Passes.Pipelines;

/// <summary>Pipeline text or options that cannot be used; <see cref="Position"/> points into the text when known.</summary>
public sealed class PipelineException : Exception
{
    public PipelineException(string message, int? position = null, string? text = null)
        : base(message)
    {
        Position = position;
        Text = text;
    }

    public int? Position { get; }

    public string? Text { get; }

    /// <summary>The message with the pipeline text and a caret under the offending position, for terminals.</summary>
    public string Pointed()
    {
        if (Position is not { } at || Text is null)
        {
            return Message;
        }

        return $"{Message}\n  {Text}\n  {new string(' ', Math.Min(at, Text.Length))}^";
    }
}
