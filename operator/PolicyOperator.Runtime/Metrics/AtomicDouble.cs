namespace PolicyOperator.Runtime.Metrics;

/// <summary>Lock-free addition to a double stored as its bits.</summary>
internal static class AtomicDouble
{
    public static void Add(ref long bits, double value)
    {
        while (true)
        {
            var current = Interlocked.Read(ref bits);
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            if (Interlocked.CompareExchange(ref bits, next, current) == current)
            {
                return;
            }
        }
    }
}
