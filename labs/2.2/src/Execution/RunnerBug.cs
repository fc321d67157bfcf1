namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>Mistakes planted in the runner (tests and experiments only): each one must be caught by a check.</summary>
public enum RunnerBug
{
    None,

    /// <summary><c>build</c> goes on with the children of a node whose test failed instead of skipping them.</summary>
    BuildIgnoresFailingTests,

    /// <summary><c>--select model+</c> takes the model's direct children only, not their descendants.</summary>
    SelectDirectChildrenOnly,

    /// <summary>The manifest's child_map loses the last edge out of each node that has several children.</summary>
    ChildMapDropsAnEdge,
}
