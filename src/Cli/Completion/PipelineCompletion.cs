using OnnxOpt.Passes.Registry;

namespace OnnxOpt.Cli.Completion;

/// <summary>
/// Completes a partly typed pipeline text word (`cleanup,convert-fp16{ke`). Shells replace the whole word with a
/// completion, so every candidate is the typed text up to the element being completed plus one full name: a pass or
/// preset name at an element start, an option key (`keep-io-types=`) inside a pass's braces. Option values are not
/// completed.
/// </summary>
public static class PipelineCompletion
{
    private enum Slot
    {
        Name,
        Key,
        Value,
    }

    public static IEnumerable<string> Complete(string typed, PassRegistry registry)
    {
        // An opening quote typed by the user stays in front of every candidate.
        int quote = typed.Length > 0 && typed[0] is '\'' or '"' ? 1 : 0;
        (int start, Slot slot, string? pass) = Locate(typed[quote..]);
        start += quote;
        if (slot == Slot.Value)
        {
            return [];
        }

        string prefix = typed[..start];
        string partial = typed[start..];
        IEnumerable<string> names = slot == Slot.Name
            ? registry.AllNames
            : (registry.FindPass(pass!)?.Options.Select(o => o.Name + "=") ?? []);
        return names
            .Where(name => name.StartsWith(partial, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => prefix + name)
            .ToList();
    }

    /// <summary>Where the word under the cursor starts, what kind of word it is, and the pass whose braces are open.</summary>
    private static (int Start, Slot Slot, string? Pass) Locate(string typed)
    {
        int start = 0;
        Slot slot = Slot.Name;
        string? pass = null;
        for (int i = 0; i < typed.Length; i++)
        {
            switch (typed[i], slot)
            {
                case ('{', Slot.Name):
                    pass = typed[start..i].Trim();
                    (start, slot) = (i + 1, Slot.Key);
                    break;
                case ('=', Slot.Key):
                    slot = Slot.Value;
                    break;
                case (' ', Slot.Key or Slot.Value):
                    (start, slot) = (i + 1, Slot.Key);
                    break;
                case ('}', Slot.Key or Slot.Value):
                    (start, slot, pass) = (i + 1, Slot.Name, null);
                    break;
                case (',' or '(' or ')' or ' ', Slot.Name):
                    start = i + 1;
                    break;
                default:
                    break;
            }
        }

        return (start, slot, pass);
    }
}
