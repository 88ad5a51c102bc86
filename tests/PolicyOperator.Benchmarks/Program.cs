using BenchmarkDotNet.Running;

// `make bench` runs every benchmark in this assembly; pass BenchmarkDotNet arguments to filter.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
