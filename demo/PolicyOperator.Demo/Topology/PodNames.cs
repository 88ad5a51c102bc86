using System.Security.Cryptography;
using System.Text;

namespace PolicyOperator.Demo.Topology;

/// <summary>Pod and ReplicaSet names as the Kubernetes controllers make them.</summary>
internal static class PodNames
{
    // The alphabet of generated name suffixes (k8s.io/apimachinery rand.String: no vowels, no confusable digits).
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A Deployment's pod-template-hash: stable for a workload, so the ReplicaSet keeps its name across runs.</summary>
    public static string TemplateHash(DemoWorkload workload)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(workload.Key));
        return new string(digest.Take(10).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
    }

    /// <summary>The ReplicaSet a Deployment's pods belong to.</summary>
    public static string ReplicaSetName(DemoWorkload workload) => $"{workload.Name}-{TemplateHash(workload)}";

    /// <summary>The name of the <paramref name="ordinal"/>th pod: <c>name-0</c> for a StatefulSet, <c>name-hash-xxxxx</c> otherwise.</summary>
    public static string PodName(DemoWorkload workload, int ordinal) => workload.Kind == "StatefulSet"
        ? $"{workload.Name}-{ordinal}"
        : $"{ReplicaSetName(workload)}-{RandomSuffix()}";

    /// <summary>Five random characters, as generateName adds.</summary>
    public static string RandomSuffix() =>
        new(Enumerable.Range(0, 5).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray());
}
