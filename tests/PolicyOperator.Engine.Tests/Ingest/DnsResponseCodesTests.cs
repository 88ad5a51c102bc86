using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class DnsResponseCodesTests
{
    [Theory]
    [InlineData(0, "NOERROR")]
    [InlineData(2, "SERVFAIL")]
    [InlineData(3, "NXDOMAIN")]
    [InlineData(5, "REFUSED")]
    [InlineData(9, "RCODE9")]
    [InlineData(-1, "RCODE-1")]
    public void Response_codes_are_named_by_their_mnemonic_or_their_number(int code, string name) =>
        DnsResponseCodes.Name(code).Should().Be(name);
}
