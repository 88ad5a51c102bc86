using Xunit;

namespace PolicyOperator.Testing;

/// <summary>
/// A fact that needs root. Outside CI it is skipped with the reason when privileges are missing;
/// under CI (CI=true) it runs, and <see cref="PrivilegedEnvironment.Require"/> fails it with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PrivilegedFactAttribute : FactAttribute
{
    public PrivilegedFactAttribute()
    {
        if (!PrivilegedEnvironment.IsCi && PrivilegedEnvironment.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
