using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Mirror of <c>struct sensor_config</c>: the <c>const volatile</c> knobs in each object's .rodata.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SensorConfigRaw
{
    /// <summary>Least time between two UPDATE events of one flow.</summary>
    public ulong ReportIntervalNs;

    /// <summary>The port whose packets are DNS.</summary>
    public ushort DnsPort;

    /// <summary>Padding.</summary>
    public ushort Pad16;

    /// <summary>Padding.</summary>
    public uint Pad32;
}
