namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>Thrown by a host function over bad arguments; the renderer turns it into a <see cref="TemplateException"/> at the call's line.</summary>
internal sealed class JinjaCallException(string message) : Exception(message);
