namespace StatelessMind.Labs.Programming.Vectorization;

/// <summary>Planted bugs of the vectorised kernels; the component tests compare with the scalar loops and catch each.</summary>
public enum KernelBug
{
    None,

    /// <summary>The vector loop forgets the tail: the last <c>length mod Vector&lt;T&gt;.Count</c> elements are never processed.</summary>
    DropsTail,
}
