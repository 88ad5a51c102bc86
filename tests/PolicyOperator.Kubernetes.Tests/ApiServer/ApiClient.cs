using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

/// <summary>Raw HTTP against the test API server: what a client sends and gets back, nothing hidden.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);
        return status == HttpStatusCode.OK
            ? body!.AsObject()
            : throw new InvalidOperationException($"GET {path} answered {(int)status}: {body?.ToJsonString()}");
    }

    public async Task<JsonObject> CreateAsync(string collectionPath, JsonObject obj)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, collectionPath, obj);
        return status == HttpStatusCode.Created
            ? body!.AsObject()
            : throw new InvalidOperationException($"POST {collectionPath} answered {(int)status}: {body?.ToJsonString()}");
    }

    public void Dispose() => http.Dispose();
}
