using System.Text;

namespace OnnxOpt.Passes.Pipelines;

/// <summary>
/// Parses MLIR-like pipeline text:
/// <code>
/// pipeline ::= element (',' element)*
/// element  ::= name options? ('(' pipeline ')')?
/// options  ::= '{' key '=' value (' ' key '=' value)* '}'
/// </code>
/// Values run to the next space or closing brace; commas inside braces belong to the value (list options);
/// a value with spaces or braces is written in double quotes with backslash escapes.
/// </summary>
public static class PipelineParser
{
    public static PipelineSyntax Parse(string text)
    {
        var reader = new Reader(text);
        var pipeline = reader.ParsePipeline(topLevel: true);
        reader.SkipSpace();
        if (!reader.AtEnd)
        {
            throw reader.Error($"unexpected '{reader.Peek}'");
        }

        return pipeline;
    }

    /// <summary>Deepest group nesting accepted: the parser recurses per level, and real pipelines nest two or three deep.</summary>
    public const int MaxNesting = 64;

    private sealed class Reader(string text)
    {
        private int _at;
        private int _depth;

        public bool AtEnd => _at >= text.Length;

        public char Peek => text[_at];

        public PipelineException Error(string message, int? at = null) => new($"pipeline: {message} at column {(at ?? _at) + 1}", at ?? _at, text);

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek))
            {
                _at++;
            }
        }

        public PipelineSyntax ParsePipeline(bool topLevel)
        {
            var elements = new List<ElementSyntax>();
            SkipSpace();
            if (AtEnd || Peek == ')')
            {
                if (topLevel && AtEnd)
                {
                    throw Error("the pipeline is empty");
                }

                return new PipelineSyntax(elements);
            }

            while (true)
            {
                elements.Add(ParseElement());
                SkipSpace();
                if (!AtEnd && Peek == ',')
                {
                    _at++;
                    continue;
                }

                return new PipelineSyntax(elements);
            }
        }

        private ElementSyntax ParseElement()
        {
            SkipSpace();
            int start = _at;
            while (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek is '-' or '_' or '.' or ':'))
            {
                _at++;
            }

            if (_at == start)
            {
                throw Error(AtEnd ? "expected a pass name but the text ended" : $"expected a pass name, found '{Peek}'");
            }

            string name = text[start.._at];
            var options = new List<OptionSyntax>();
            SkipSpace();
            if (!AtEnd && Peek == '{')
            {
                ParseOptions(options);
                SkipSpace();
            }

            PipelineSyntax? body = null;
            if (!AtEnd && Peek == '(')
            {
                int open = _at++;
                if (++_depth > MaxNesting)
                {
                    throw Error($"groups nested deeper than {MaxNesting} levels", open);
                }

                body = ParsePipeline(topLevel: false);
                _depth--;
                SkipSpace();
                if (AtEnd || Peek != ')')
                {
                    throw Error($"'(' at column {open + 1} is never closed", AtEnd ? open : _at);
                }

                _at++;
            }

            return new ElementSyntax(name, options, body, start);
        }

        private void ParseOptions(List<OptionSyntax> options)
        {
            int open = _at++;
            while (true)
            {
                SkipSpace();
                if (AtEnd)
                {
                    throw Error($"'{{' at column {open + 1} is never closed", open);
                }

                if (Peek == '}')
                {
                    _at++;
                    return;
                }

                int keyStart = _at;
                while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek is not ('=' or '}' or '{'))
                {
                    _at++;
                }

                string key = text[keyStart.._at];
                if (key.Length == 0 || AtEnd || Peek != '=')
                {
                    throw Error(key.Length == 0 ? "expected an option name" : $"option '{key}' needs a value (write {key}=VALUE)", keyStart);
                }

                _at++;
                options.Add(new OptionSyntax(key, ParseValue(), keyStart));
            }
        }

        private string ParseValue()
        {
            if (!AtEnd && Peek == '"')
            {
                int open = _at++;
                var value = new StringBuilder();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Error("a quoted value is never closed", open);
                    }

                    char c = text[_at++];
                    if (c == '"')
                    {
                        return value.ToString();
                    }

                    if (c == '\\' && !AtEnd)
                    {
                        c = text[_at++];
                    }

                    value.Append(c);
                }
            }

            int start = _at;
            while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek is not ('}' or '{'))
            {
                _at++;
            }

            return text[start.._at];
        }
    }
}
