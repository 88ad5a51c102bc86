namespace PolicyOperator.Agent;

/// <summary>
/// What /healthz and /readyz answer: live while the sensor runs and rounds complete; ready once the
/// sensor is attached, the caches have synced, and a first round has been observed.
/// </summary>
public sealed class AgentHealth
{
    private volatile string _state = "starting";
    private volatile bool _ready;
    private volatile string? _failure;

    /// <summary>Nothing is broken beyond repair.</summary>
    public bool IsLive => _failure is null;

    /// <summary>The agent records and reports.</summary>
    public bool IsReady => _ready && IsLive;

    /// <summary>One line for the probe's body.</summary>
    public string Describe() => _failure is { } failure ? $"failed: {failure}" : _state;

    /// <summary>Moves to a state that is not ready yet.</summary>
    public void Starting(string state) => _state = state;

    /// <summary>Ready, with what the last round did.</summary>
    public void Ready(string state)
    {
        _state = state;
        _ready = true;
    }

    /// <summary>Not live any more: the probe fails and the kubelet restarts the agent.</summary>
    public void Failed(string reason) => _failure = reason;
}
