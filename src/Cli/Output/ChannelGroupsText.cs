using System.Text.Json;
using System.Text.Json.Nodes;
using OnnxOpt.Passes.Transforms.Pruning.Channels;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>`inspect --channel-groups`: the dependency groups of structured pruning, as a table or JSON.</summary>
public static class ChannelGroupsText
{
    public static void Write(IAnsiConsole console, TableBorder border, ChannelAnalysis analysis)
    {
        var groups = analysis.Groups;
        var table = new Table().Title("Channel groups (prune-channels)").Border(border)
            .AddColumn(new TableColumn("group").RightAligned()).AddColumn(new TableColumn("channels").RightAligned())
            .AddColumns("producers", "consumers").AddColumn(new TableColumn("tensors").RightAligned()).AddColumn("prunable");
        foreach (var g in groups)
        {
            table.AddRow(
                g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                g.Channels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(Names(g.Producers)),
                Markup.Escape(Names(g.Consumers)),
                g.Tensors.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(g.Prunable ? "yes" : "no: " + (g.Closed ?? "no Conv makes these channels")));
        }

        console.Write(table);
        int prunable = groups.Where(g => g.Prunable).Sum(g => g.Channels);
        console.WriteLine($"{groups.Count} groups, {groups.Count(g => g.Prunable)} prunable; {prunable} of {groups.Sum(g => g.Channels)} channels prunable");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(ChannelAnalysis analysis) => new JsonArray([.. analysis.Groups.Select(g => (JsonNode?)new JsonObject
    {
        ["group"] = g.Id,
        ["channels"] = g.Channels,
        ["producers"] = Strings(g.Producers),
        ["consumers"] = Strings(g.Consumers),
        ["tensors"] = g.Tensors,
        ["prunable"] = g.Prunable,
        ["closed"] = g.Closed,
    })]).ToJsonString(Indented);

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)i)]);

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "-" : string.Join(", ", names);
}
