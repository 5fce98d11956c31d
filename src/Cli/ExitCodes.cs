namespace OnnxOpt.Cli;

/// <summary>Process exit codes: 0 success, 1 a bad model or a failed operation, 2 bad usage.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
