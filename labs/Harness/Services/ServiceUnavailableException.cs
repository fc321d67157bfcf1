namespace StatelessMind.Harness.Services;

/// <summary>
/// A service a lab needs cannot be provided: a binary is missing or an override points nowhere.
/// The message always says what to install or which variable to set.
/// </summary>
public sealed class ServiceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
