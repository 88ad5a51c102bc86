namespace PolicyOperator.Sensor.Hooks;

/// <summary>One kernel hook the sensor tried: whether it runs, and why (the kernel's error when refused).</summary>
public sealed record HookStatus(string Hook, string Program, bool Active, string Reason);
