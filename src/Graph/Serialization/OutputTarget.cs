namespace OnnxOpt.Graph.Serialization;

/// <summary>One path a command will write: <paramref name="Role"/> names it in messages (<c>--report</c>, <c>output</c>).</summary>
/// <param name="Path">The path as the user gave it.</param>
/// <param name="Role">What the path is for, as messages name it.</param>
/// <param name="AllowsStdout">True for reports and JSON, where <c>-</c> means standard output.</param>
/// <param name="IsFolder">True for a folder the command fills (<c>--dump-dir</c>).</param>
public sealed record OutputTarget(string Path, string Role, bool AllowsStdout = false, bool IsFolder = false)
{
    public bool IsStdout => AllowsStdout && Path == OutputPaths.StandardOutput;
}
