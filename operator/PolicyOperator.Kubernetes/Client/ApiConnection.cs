using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Kubernetes.Resilience;

namespace PolicyOperator.Kubernetes.Client;

/// <summary>
/// One HTTP connection to the API server with its authentication, TLS trust, client-side rate limit and
/// resilience pipeline. Every attempt gets a fresh request (a request message cannot be sent twice).
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TokenBucketRateLimiter? _limiter;
    private readonly BearerTokenSource _token;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly ILogger _logger;

    public ApiConnection(KubernetesClientConfiguration configuration, KubernetesClientOptions options, ILogger logger)
    {
        _logger = logger;
        _http = new HttpClient(CreateHandler(configuration), disposeHandler: true)
        {
            BaseAddress = configuration.Server,
            // The pipeline times out each attempt; watches stream for as long as the server keeps them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _pipeline = ResiliencePipelineFactory.Create(options.Resilience, options.TimeProvider);
        _token = new BearerTokenSource(configuration.BearerToken, configuration.TokenFile, options.TimeProvider);
        if (configuration.Username is { } user)
        {
            _basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{configuration.Password}")));
        }

        if (options.Resilience.RateLimitPerSecond is { } perSecond)
        {
            // Replenish in tenths of a second so a low rate still spreads requests out.
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.Resilience.RateLimitBurst),
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perSecond / 10)),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(perSecond / 10)) / perSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>
    /// Sends a call through the rate limit and the resilience pipeline; a final failure becomes the typed
    /// <see cref="KubernetesApiException"/> carrying the server's Status.
    /// </summary>
    /// <param name="streaming">Return as soon as the headers arrive (watches).</param>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, bool streaming, CancellationToken cancellationToken)
    {
        var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                if (_limiter is not null)
                {
                    using var permit = await _limiter.AcquireAsync(1, token).ConfigureAwait(false);
                }

                using var request = new HttpRequestMessage(method, pathAndQuery);
                if (_token.Current() is { } bearer)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }
                else if (_basic is not null)
                {
                    request.Headers.Authorization = _basic;
                }

                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
                }

                var completion = streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
                return await _http.SendAsync(request, completion, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var call = $"{method} {pathAndQuery}";
            var status = await ReadStatusAsync(response, cancellationToken).ConfigureAwait(false);
            LogFailure(_logger, call, (int)response.StatusCode, status.Message);
            throw KubernetesApiException.Create(call, response.StatusCode, status);
        }
    }

    public void Dispose()
    {
        _limiter?.Dispose();
        _http.Dispose();
    }

    /// <summary>The body as a Status; a body that is not one (a proxy's HTML page) becomes the message.</summary>
    private static async Task<Status> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (JsonSerializer.Deserialize(text, MetaJsonContext.Default.Status) is { Kind: Status.KindName } status)
            {
                return status with { Code = status.Code ?? (int)response.StatusCode };
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text is the message below.
        }

        return new Status
        {
            Outcome = "Failure",
            Code = (int)response.StatusCode,
            Reason = response.ReasonPhrase,
            Message = text.Length > 500 ? text[..500] : text,
        };
    }

    private static SocketsHttpHandler CreateHandler(KubernetesClientConfiguration configuration)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (configuration.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        if (configuration.TlsServerName is { } serverName)
        {
            handler.SslOptions.TargetHost = serverName;
        }

        if (configuration.SkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (configuration.CertificateAuthorities.Count > 0)
        {
            var authorities = configuration.CertificateAuthorities;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, serverCertificate, _, errors) =>
                serverCertificate is not null
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && ChainsTo(new X509Certificate2(serverCertificate), authorities);
        }

        return handler;
    }

    /// <summary>True when the server certificate chains to one of the cluster's CAs (not the system store).</summary>
    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static void LogFailure(ILogger logger, string call, int code, string? message) =>
        logger.LogDebug("{Call} failed: {Code} {Message}", call, code, message);
}
