namespace OnnxOpt.Evaluation.Datasets;

/// <summary>Counts of skipped label lines by reason, reported as one note per reason with the first place it happened.</summary>
public sealed class SkippedLabelLines
{
    private int _unreadable;
    private int _unknownClass;
    private string? _firstUnreadable;
    private string? _firstUnknownClass;

    public void Unreadable(string where)
    {
        _firstUnreadable ??= where;
        _unreadable++;
    }

    public void UnknownClass(string where)
    {
        _firstUnknownClass ??= where;
        _unknownClass++;
    }

    public List<string> Notes(int classCount)
    {
        var notes = new List<string>();
        if (_unknownClass > 0)
        {
            notes.Add($"{_unknownClass} label lines name a class beyond the {classCount} class names and were skipped (first: {_firstUnknownClass})");
        }

        if (_unreadable > 0)
        {
            notes.Add($"{_unreadable} label lines are not 'class cx cy w h' (or a polygon) and were skipped (first: {_firstUnreadable})");
        }

        return notes;
    }
}
