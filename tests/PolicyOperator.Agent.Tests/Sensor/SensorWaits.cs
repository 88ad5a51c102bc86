using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;

namespace PolicyOperator.Agent.Tests.Sensor;

/// <summary>Polls a sensor until the flows it holds satisfy a condition, or fails with what it saw.</summary>
internal static class SensorWaits
{
    public static async Task<IReadOnlyList<FlowRecord>> WaitForFlowsAsync(
        this FlowSensor sensor, Func<FlowRecord, bool> filter, Func<IReadOnlyList<FlowRecord>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        IReadOnlyList<FlowRecord> flows = [];
        while (DateTime.UtcNow < deadline)
        {
            sensor.Poll(TimeSpan.FromMilliseconds(50));
            sensor.Sweep(); // counts between report intervals are in the kernel map
            flows = sensor.Flows().Where(filter).ToList();
            if (done(flows))
            {
                return flows;
            }

            await Task.Yield();
        }

        throw new TimeoutException(
            $"the sensor's flows did not reach the expected state; matching flows:{Environment.NewLine}" +
            string.Join(Environment.NewLine, flows.Select(f => f.ToString())) +
            $"{Environment.NewLine}hooks:{Environment.NewLine}{sensor.Hooks}");
    }
}
