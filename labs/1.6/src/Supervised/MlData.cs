using Microsoft.ML;
using Microsoft.ML.Data;
using StatelessMind.Labs.LearningData.Data;

namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>Moves a <see cref="TabularDataset"/> into ML.NET's IDataView (a fixed-size vector column "Features" and a
/// "Label") and reads columns back out.</summary>
public static class MlData
{
    public static IDataView ToDataView(MLContext ml, TabularDataset dataset)
    {
        var schema = SchemaDefinition.Create(typeof(LabeledRow));
        schema[nameof(LabeledRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dataset.FeatureCount);
        var rows = dataset.Features.Select((f, i) => new LabeledRow { Features = f, Label = dataset.Targets[i] }).ToList();
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>A vector column of a transformed view, one array per row.</summary>
    public static float[][] Vectors(IDataView view, string column) =>
        [.. view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray())];

    /// <summary>A key column (ML.NET keys are 1-based; 0 means missing) as 0-based indices.</summary>
    public static int[] KeysAsIndices(IDataView view, string column) => [.. view.GetColumn<uint>(column).Select(k => (int)k - 1)];
}
