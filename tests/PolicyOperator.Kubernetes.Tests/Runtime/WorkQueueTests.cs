using FluentAssertions;
using PolicyOperator.Runtime.Queue;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_item_added_many_times_while_waiting_is_handed_out_once()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.Add("a");

        queue.Count.Should().Be(2);
        (await queue.GetAsync(CancellationToken.None)).Should().Be("a");
        (await queue.GetAsync(CancellationToken.None)).Should().Be("b");
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_item_added_while_processed_is_not_handed_to_a_second_worker_until_done()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        var item = await queue.GetAsync(CancellationToken.None);

        queue.Add("a");
        var second = queue.GetAsync(CancellationToken.None);
        await Task.Delay(100);
        second.IsCompleted.Should().BeFalse("a is still being processed");

        queue.Done(item);
        (await second.WaitAsync(Short)).Should().Be("a");
    }

    [Fact]
    public async Task Done_without_a_new_add_does_not_requeue()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Done(await queue.GetAsync(CancellationToken.None));

        queue.Count.Should().Be(0);
        queue.Processing.Should().Be(0);
    }

    [Fact]
    public async Task AddRateLimited_backs_off_exponentially_per_item_and_Forget_resets_it()
    {
        var backoff = new ExponentialBackoff<string>(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));

        Enumerable.Range(0, 5).Select(_ => backoff.NextDelay("a").TotalMilliseconds).Should().Equal(10, 20, 40, 50, 50);
        backoff.NextDelay("b").TotalMilliseconds.Should().Be(10, "backoff is per item");
        backoff.Failures("a").Should().Be(5);
        backoff.Forget("a");
        backoff.NextDelay("a").TotalMilliseconds.Should().Be(10);

        using var queue = new WorkQueue<string>(new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(200) });
        queue.AddRateLimited("x");
        queue.Count.Should().Be(0, "the item waits for its backoff");
        (await queue.GetAsync(CancellationToken.None).WaitAsync(Short)).Should().Be("x");
        queue.Requeues("x").Should().Be(1);
    }

    [Fact]
    public async Task AddAfter_hands_the_item_out_after_the_delay_and_the_earliest_delay_wins()
    {
        using var queue = new WorkQueue<string>();
        queue.AddAfter("late", TimeSpan.FromSeconds(30));
        queue.AddAfter("late", TimeSpan.FromMilliseconds(100));
        queue.Count.Should().Be(0);

        (await queue.GetAsync(CancellationToken.None).WaitAsync(Short)).Should().Be("late");
    }

    [Fact]
    public async Task ShutDown_cancels_waiting_workers_and_refuses_new_items()
    {
        using var queue = new WorkQueue<string>();
        var waiting = queue.GetAsync(CancellationToken.None);

        queue.ShutDown();
        queue.Add("a");

        await waiting.Invoking(t => t.WaitAsync(Short)).Should().ThrowAsync<OperationCanceledException>();
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task Concurrent_workers_see_every_item_and_never_one_item_twice_at_once()
    {
        using var queue = new WorkQueue<int>();
        var inFlight = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var overlaps = 0;
        var processed = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                int item;
                try
                {
                    item = await queue.GetAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (!inFlight.TryAdd(item, 0))
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                inFlight.TryRemove(item, out _);
                Interlocked.Increment(ref processed);
                queue.Done(item);
            }
        })).ToArray();

        for (var round = 0; round < 200; round++)
        {
            for (var item = 0; item < 10; item++)
            {
                queue.Add(item);
            }
        }

        await Eventually.TrueAsync(() => queue.Count == 0 && queue.Processing == 0, "the queue drains", Short);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        overlaps.Should().Be(0);
        processed.Should().BeInRange(10, 2000, "deduplication merges adds of waiting items");
    }
}
