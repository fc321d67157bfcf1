using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>
/// A <c>.dvc</c> file: the pointer git keeps in place of a data file — its md5, size and path (relative to the
/// <c>.dvc</c> file's folder), in DVC's YAML layout (<c>outs: - md5: … size: … hash: md5 path: …</c>).
/// </summary>
public sealed record DvcMetafile(string Md5, long Size, string Path)
{
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("outs:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"- md5: {Md5}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  size: {Size}");
        yaml.AppendLine("  hash: md5");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  path: {Path}");
        return yaml.ToString();
    }

    /// <summary>Reads a <c>.dvc</c> file's text.</summary>
    /// <exception cref="FormatException">The text is not a <c>.dvc</c> file with one output.</exception>
    public static DvcMetafile Parse(string yamlText)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yamlText));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var outs = (YamlSequenceNode)root.Children[new YamlScalarNode("outs")];
            if (outs.Children.Count != 1) throw new FormatException($"A .dvc file with {outs.Children.Count} outputs; one was expected.");
            var entry = (YamlMappingNode)outs.Children[0];
            string Field(string name) => ((YamlScalarNode)entry.Children[new YamlScalarNode(name)]).Value
                                         ?? throw new FormatException($"The .dvc field '{name}' is empty.");
            return new DvcMetafile(Field("md5"), long.Parse(Field("size"), CultureInfo.InvariantCulture), Field("path"));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or YamlDotNet.Core.YamlException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new FormatException($"Not a .dvc file ({e.Message}).", e);
        }
    }
}
