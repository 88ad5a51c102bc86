namespace PolicyOperator.Sensor.Hooks;

/// <summary>The hooks the sensor runs and those it could not, with the reasons.</summary>
public sealed record HookReport(IReadOnlyList<HookStatus> Hooks)
{
    /// <summary>The hooks that run.</summary>
    public IEnumerable<HookStatus> Active => Hooks.Where(h => h.Active);

    /// <summary>True when the hook (for example <c>kprobe/sock_sendmsg</c>) runs.</summary>
    public bool IsActive(string hook) => Hooks.Any(h => h.Active && h.Hook == hook);

    /// <summary>One line per hook, for logs.</summary>
    public override string ToString() =>
        string.Join(Environment.NewLine, Hooks.Select(h => $"{(h.Active ? "active " : "refused")} {h.Hook} ({h.Program}): {h.Reason}"));
}
