using Xunit;

namespace PolicyOperator.Testing;

/// <summary>The theory counterpart of <see cref="PrivilegedFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PrivilegedTheoryAttribute : TheoryAttribute
{
    public PrivilegedTheoryAttribute()
    {
        if (!PrivilegedEnvironment.IsCi && PrivilegedEnvironment.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
