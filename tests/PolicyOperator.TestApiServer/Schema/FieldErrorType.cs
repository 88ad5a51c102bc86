namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>The kinds of field error the Kubernetes API reports (StatusCause reasons).</summary>
public enum FieldErrorType
{
    Required,
    Invalid,
    NotSupported,
    TooLong,
    TooMany,
    Duplicate,
    UnknownField,
    Forbidden,
}
