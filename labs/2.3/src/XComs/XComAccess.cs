using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.XComs;

/// <summary>A task try's view of the XCom store: it pushes as itself and pulls from tasks of its own run.</summary>
public sealed class XComAccess(XComStore store, TaskInstanceKey self)
{
    public Task PushAsync<T>(string key, T value, CancellationToken cancellationToken = default) => store.PushAsync(self, key, value, cancellationToken);

    public Task<T> PullAsync<T>(string taskId, string key = XComStore.ReturnValueKey, CancellationToken cancellationToken = default) =>
        store.PullAsync<T>(self.DagId, self.RunId, taskId, key, cancellationToken);

    public Task<IReadOnlyList<T>> PullMappedAsync<T>(string taskId, string key = XComStore.ReturnValueKey, CancellationToken cancellationToken = default) =>
        store.PullMappedAsync<T>(self.DagId, self.RunId, taskId, key, cancellationToken);
}
