using System.Text.Json.Nodes;
using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Changes to the latest Customer schema that a registry must refuse, each made by editing the latest
/// .avsc as a JSON document: the usual ways a well-meant change breaks old data or old readers.
/// </summary>
public static class BreakingChanges
{
    public static IReadOnlyList<ProposedChange> All =>
    [
        Edit("add-required-field", "adds 'segment' (string) without a default",
            c => Fields(c).Add(new JsonObject { ["name"] = "segment", ["type"] = "string" })),
        Edit("change-field-type", "changes 'country' from string to int",
            c => Field(c, "country")["type"] = "int"),
        Edit("narrow-long-to-int", "narrows 'loyalty_points' back from long to int",
            c => Field(c, "loyalty_points")["type"] = "int"),
        Edit("rename-without-alias", "renames 'full_name' to 'display_name' without an alias",
            c => { var f = Field(c, "full_name"); f["name"] = "display_name"; f.Remove("aliases"); }),
        Edit("drop-union-branch", "removes the Email branch from the 'contact' union",
            c => ((JsonArray)Field(c, "contact")["type"]!).RemoveAt(1)),
        Edit("nested-type-change", "changes Email.address (inside the contact union) from string to long",
            c => ((JsonArray)((JsonObject)((JsonArray)Field(c, "contact")["type"]!)[1]!)["fields"]!)[0]!["type"] = "long"),
        Edit("remove-enum-symbol-and-default", "removes the SILVER tier and the enum's default",
            c =>
            {
                var tier = (JsonObject)Field(c, "tier")["type"]!;
                var symbols = (JsonArray)tier["symbols"]!;
                symbols.RemoveAt(symbols.Select(s => s!.GetValue<string>()).ToList().IndexOf("SILVER"));
                tier.Remove("default");
            }),
    ];

    /// <summary>Applies an edit to the latest schema's JSON and parses the result.</summary>
    public static ProposedChange Edit(string name, string description, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var root = (JsonObject)JsonNode.Parse(SchemaHistory.Text(SchemaHistory.Latest.Version))!;
        edit(root);
        root["doc"] = $"proposed: {description}";
        return new ProposedChange(name, description, Schema.Parse(root.ToJsonString()));
    }

    public static JsonArray Fields(JsonObject record) => (JsonArray)record["fields"]!;

    public static JsonObject Field(JsonObject record, string name) =>
        Fields(record).OfType<JsonObject>().FirstOrDefault(f => f["name"]!.GetValue<string>() == name)
        ?? throw new ArgumentException($"The schema has no field '{name}'.", nameof(name));
}
