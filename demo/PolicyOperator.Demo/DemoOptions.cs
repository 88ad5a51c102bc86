namespace PolicyOperator.Demo;

/// <summary>How the demo runs.</summary>
/// <param name="OutputDirectory">Where the inventory, observed traffic, policies and maps go.</param>
/// <param name="TrafficDuration">How long policyctl observe records while the application talks.</param>
/// <param name="Policyctl">The policyctl executable.</param>
/// <param name="RunRecordDirectory">Where runs record what they create, so a later run can remove what a killed one left.</param>
internal sealed record DemoOptions(string OutputDirectory, TimeSpan TrafficDuration, string Policyctl, string RunRecordDirectory);
