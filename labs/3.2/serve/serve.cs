#:project ../src/MlOps.csproj
#:property PublishAot=false
#:property TreatWarningsAsErrors=true

// The model server as a program (a .NET file-based app; what the Dockerfile publishes):
//   dotnet run labs/3.2/serve/serve.cs -- train SKLEARN_IRIS.csv FOLDER     split, train, write FOLDER/model.zip + baseline.json
//   dotnet run labs/3.2/serve/serve.cs -- FOLDER/model.zip FOLDER/baseline.json [PORT]   serve on every interface
using StatelessMind.Labs.MlOps.Serving;

if (args is ["train", var iris, var folder])
{
    Directory.CreateDirectory(folder);
    IrisData.Split(iris, Path.Combine(folder, "train.csv"), Path.Combine(folder, "test.csv"));
    ModelTrainer.Train(Path.Combine(folder, "train.csv"), Path.Combine(folder, "model.zip"), Path.Combine(folder, "baseline.json"));
    Console.WriteLine($"model {Path.Combine(folder, "model.zip")}, test accuracy {ModelTrainer.Accuracy(Path.Combine(folder, "model.zip"), Path.Combine(folder, "baseline.json"), Path.Combine(folder, "test.csv")):P1}");
    return 0;
}
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: serve MODEL.zip BASELINE.json [PORT]   |   serve train SKLEARN_IRIS.csv OUTPUT_FOLDER");
    return 2;
}
using var model = ServedModel.Load(args[0], args[1]);
var port = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8080;
await using var server = await ModelServer.StartAsync(model, new ModelServerOptions { Port = port, AllInterfaces = true });
Console.WriteLine($"serving model {model.Version} on port {port}: POST /predict, GET /health, GET /metrics");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;
