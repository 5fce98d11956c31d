namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>The arguments of one trtexec invocation, in the order they are passed.</summary>
public sealed record TrtexecCommand(IReadOnlyList<string> Arguments)
{
    /// <summary>The command as a shell line, quoting arguments that need it, for logs and reports.</summary>
    public string ToCommandLine(string executable = "trtexec") =>
        string.Join(" ", new[] { executable }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_=./:,+@%".Contains(c)) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
