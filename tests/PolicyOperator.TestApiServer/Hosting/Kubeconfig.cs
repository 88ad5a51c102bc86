using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PolicyOperator.Testing.ApiServer.Hosting;

/// <summary>Writes a kubeconfig that points kubectl (or any client) at a test API server.</summary>
public static class Kubeconfig
{
    /// <summary>The context, cluster and user name in the kubeconfig.</summary>
    public const string ContextName = "testapiserver";

    public static string Render(Uri server, X509Certificate2? certificate, string defaultNamespace)
    {
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1");
        text.AppendLine("kind: Config");
        text.AppendLine("clusters:");
        text.AppendLine($"- name: {ContextName}");
        text.AppendLine("  cluster:");
        text.AppendLine($"    server: {server.GetLeftPart(UriPartial.Authority)}");
        if (certificate is not null)
        {
            var pem = certificate.ExportCertificatePem();
            text.AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(pem))}");
        }

        text.AppendLine("contexts:");
        text.AppendLine($"- name: {ContextName}");
        text.AppendLine("  context:");
        text.AppendLine($"    cluster: {ContextName}");
        text.AppendLine($"    user: {ContextName}");
        text.AppendLine($"    namespace: {defaultNamespace}");
        text.AppendLine($"current-context: {ContextName}");
        text.AppendLine("users:");
        text.AppendLine($"- name: {ContextName}");
        text.AppendLine("  user:");
        text.AppendLine("    token: testapiserver");
        text.AppendLine("preferences: {}");
        return text.ToString();
    }
}
