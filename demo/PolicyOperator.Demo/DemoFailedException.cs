namespace PolicyOperator.Demo;

/// <summary>A step of the demo failed; the message says which and why.</summary>
internal sealed class DemoFailedException(string message) : Exception(message);
