namespace PolicyOperator.Api.V1Alpha1;

/// <summary>A closed time interval of observation.</summary>
public sealed record ObservationWindow
{
    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }
}
