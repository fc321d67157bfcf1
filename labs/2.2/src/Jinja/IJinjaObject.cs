namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>A host object a template may read attributes of (<c>this.schema</c>); its <see cref="object.ToString"/> is how it renders.</summary>
public interface IJinjaObject
{
    /// <summary>The attribute's value, or false with an unknown name.</summary>
    bool TryGetAttribute(string name, out object? value);
}
