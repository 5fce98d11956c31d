namespace OnnxOpt.Cli.Completion;

/// <summary>
/// The completion scripts printed by <c>onnxopt completion SHELL</c>. Each one hands the command line (without the
/// program name) and the cursor position to <c>onnxopt [suggest:N] LINE</c> and offers what it prints.
/// </summary>
public static class ShellScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => throw new ArgumentException($"unknown shell '{shell}' (expected {string.Join(", ", Shells)})", nameof(shell)),
    };

    // COMP_WORDBREAKS splits words at '=' and ':' (pipeline options, --shapes images:1x3...); completing against the
    // whole word typed so far keeps `convert-fp16{keep-io-types=` one word.
    private const string Bash = """
        # onnxopt completion for bash: add to ~/.bashrc:  source <(onnxopt completion bash)
        _onnxopt_complete() {
            local line="${COMP_LINE:0:COMP_POINT}"
            local rest="${line#*[[:space:]]}"
            [[ "$rest" == "$line" ]] && rest=""
            local word="${rest##*[[:space:]]}"
            local IFS=$'\n'
            local candidates
            candidates=$(onnxopt "[suggest:${#rest}]" "$rest" 2>/dev/null)
            COMPREPLY=()
            local candidate
            for candidate in $candidates; do
                [[ "$candidate" == "$word"* ]] && COMPREPLY+=("${candidate#"${word%"${word##*[=:]}"}"}")
            done
        }
        complete -o default -o nospace -F _onnxopt_complete onnxopt

        """;

    private const string Zsh = """
        #compdef onnxopt
        # onnxopt completion for zsh: add to ~/.zshrc:  source <(onnxopt completion zsh)
        _onnxopt() {
            local line="${BUFFER[1,CURSOR]}"
            local rest="${line#*[[:space:]]}"
            [[ "$rest" == "$line" ]] && rest=""
            local -a candidates
            candidates=("${(@f)$(onnxopt "[suggest:${#rest}]" "$rest" 2>/dev/null)}")
            compadd -Q -S '' -- ${candidates:#}
        }
        compdef _onnxopt onnxopt

        """;

    private const string Fish = """
        # onnxopt completion for fish: onnxopt completion fish > ~/.config/fish/completions/onnxopt.fish
        function __onnxopt_complete
            set -l line (commandline -cp)
            set -l rest (string replace -r '^\S+\s*' '' -- $line)
            onnxopt "[suggest:"(string length -- "$rest")"]" "$rest" 2>/dev/null
        end
        complete -c onnxopt -f -a '(__onnxopt_complete)'

        """;
}
