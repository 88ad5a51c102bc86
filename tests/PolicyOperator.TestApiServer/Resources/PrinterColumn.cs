namespace PolicyOperator.Testing.ApiServer.Resources;

/// <summary>A column of <c>kubectl get</c> output (a CRD's additionalPrinterColumns entry).</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority = 0, string? Format = null, string? Description = null);
