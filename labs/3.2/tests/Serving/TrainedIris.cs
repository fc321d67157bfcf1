using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

/// <summary>A model trained once for a test class: scikit-learn's iris split and fitted in a temp folder, then loaded.</summary>
public sealed class TrainedIris : IDisposable
{
    public TrainedIris()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"sm-mlops-model-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        IrisData.Split(IrisData.SklearnIrisPath(), TrainCsv, TestCsv);
        ModelTrainer.Train(TrainCsv, ModelPath, BaselinePath);
        Model = ServedModel.Load(ModelPath, BaselinePath);
        Test = IrisData.ReadCsv(TestCsv);
    }

    public string Folder { get; }
    public string TrainCsv => Path.Combine(Folder, "train.csv");
    public string TestCsv => Path.Combine(Folder, "test.csv");
    public string ModelPath => Path.Combine(Folder, "model.zip");
    public string BaselinePath => Path.Combine(Folder, "baseline.json");
    public ServedModel Model { get; }
    public IReadOnlyList<IrisRow> Test { get; }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
